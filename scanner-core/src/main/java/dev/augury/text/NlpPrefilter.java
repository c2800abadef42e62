package dev.augury.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides, sentence by sentence, what CoreNLP must see. NER with SUTime is slower than the encoder (ARCHITECTURE.md),
 * so only sentences that may hold a temporal expression, a number word or a name go to it: digits that look like
 * a date or year, month, weekday and era words, number words, and capitalized words that are not the first word of
 * their sentence or line (candidate names). Everything else is covered by the regex numbers or is empty.
 */
final class NlpPrefilter {
    /** Digits that can be a date or year: a four-digit run, a decade ("1990s", "'90s"), a numeric date. */
    private static final Pattern DATE_DIGITS = Pattern.compile(
            "(?<![\\d,.])\\d{4}(?![\\d,]\\d)|\\d0'?s\\b|'\\d\\d\\b|\\b\\d{1,4}[/-]\\d{1,2}\\b");
    /** Temporal, era and number words that are unambiguous in any case. */
    private static final Set<String> WORDS = Set.of(
            "january", "february", "april", "june", "july", "september", "october", "november", "december",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "today", "tomorrow", "yesterday", "tonight", "ago", "year", "years", "decade", "decades",
            "century", "centuries", "millennium", "millennia", "era", "eras", "war", "wars", "month", "months",
            "week", "weeks", "weekend", "summer", "winter", "autumn", "christmas", "easter",
            // "one" is left out: as a pronoun it is in most texts, and "a/one" numbers carry no trigger value
            "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
            "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand",
            "million", "millions", "billion", "billions", "trillion", "dozen", "dozens");
    /** Temporal words that are only temporal when capitalized ("may", "march" are common verbs). */
    private static final Set<String> CASED_WORDS = Set.of(
            "May", "March", "August", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
            "Nov", "Dec", "BC", "AD", "BCE", "CE");
    /** Capitalized words that are never names: the pronoun I and its contractions. */
    private static final Pattern NOT_A_NAME = Pattern.compile("I(?:['’](?:m|ve|ll|d))?");
    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{M}'’-]*");
    /** Sentence ends: terminal punctuation before a space, or a line break. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\s*\\n\\s*");
    /** Words after which a period does not end the sentence ("Dr. Brown" keeps Brown as a candidate name). */
    private static final Pattern ABBREVIATION = Pattern.compile(
            "(?:^|\\W)(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Gen|Col|Lt|Sgt|Rev|vs|etc|No|e\\.g|i\\.e|[A-Z])\\.$");

    private NlpPrefilter() {
    }

    /** The chosen sentences joined by line breaks, cut to {@code maxChars}. */
    record Selection(String text, int sentences, boolean truncated) {
    }

    /** What CoreNLP must see of {@code text}, or null when nothing. */
    static Selection select(String text, int maxChars) {
        StringBuilder out = new StringBuilder();
        int chosen = 0;
        boolean truncated = false;
        for (String sentence : sentences(text)) {
            if (!needsNlp(sentence)) {
                continue;
            }
            if (out.length() + sentence.length() + 1 > maxChars) {
                truncated = true;
                if (out.length() == 0) {
                    out.append(sentence, 0, maxChars);
                    chosen++;
                }
                break;
            }
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(sentence);
            chosen++;
        }
        return chosen == 0 ? null : new Selection(out.toString(), chosen, truncated);
    }

    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = SENTENCE_END.matcher(text);
        int start = 0;
        while (m.find()) {
            String before = text.substring(start, m.start());
            if (!m.group().contains("\n") && ABBREVIATION.matcher(before).find()) {
                continue;
            }
            addIfNotBlank(out, before);
            start = m.end();
        }
        addIfNotBlank(out, text.substring(start));
        return out;
    }

    private static void addIfNotBlank(List<String> out, String s) {
        if (!s.isBlank()) {
            out.add(s.strip());
        }
    }

    /** Does this one sentence need CoreNLP? */
    static boolean needsNlp(String sentence) {
        if (DigitNumbers.hasDigit(sentence) && DATE_DIGITS.matcher(sentence).find()) {
            return true;
        }
        Matcher m = WORD.matcher(sentence);
        boolean first = true;
        while (m.find()) {
            String w = m.group();
            if (CASED_WORDS.contains(w) || WORDS.contains(w.toLowerCase(java.util.Locale.ROOT))) {
                return true;
            }
            if (!first && Character.isUpperCase(w.charAt(0)) && !NOT_A_NAME.matcher(w).matches()) {
                return true;
            }
            first = false;
        }
        return false;
    }
}
