package dev.augury.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides, sentence by sentence, what CoreNLP must see. NER with SUTime is slower than the encoder (ARCHITECTURE.md),
 * so only sentences that may hold a temporal expression or a name go to it: digits that look like a date or year,
 * month, weekday and era words go to SUTime; capitalized words that are not the first word of their sentence or
 * line (candidate names) go to the name tagger. Of a sentence whose only temporal-looking words are number words
 * ("two steps"), just the number phrases go to SUTime's number normalizer: they were two thirds of its sentences
 * on real chat data. Everything else is covered by the regex numbers or is empty.
 */
final class NlpPrefilter {
    /** Digits that can be a date or year: a four-digit run, a decade ("1990s", "'90s"), a numeric date. */
    private static final Pattern DATE_DIGITS = Pattern.compile(
            "(?<![\\d,.])\\d{4}(?![\\d,]\\d)|\\d0'?s\\b|'\\d\\d\\b|\\b\\d{1,4}[/-]\\d{1,2}\\b");
    /** Temporal and era words that are unambiguous in any case. */
    private static final Set<String> WORDS = Set.of(
            "january", "february", "april", "june", "july", "september", "october", "november", "december",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "today", "tomorrow", "yesterday", "tonight", "ago", "year", "years", "decade", "decades",
            // no "war": SUTime has no rule for wars, and named ones ("World War II") are capitalized, so named
            "century", "centuries", "millennium", "millennia", "era", "eras", "month", "months",
            "week", "weeks", "weekend", "summer", "winter", "autumn", "christmas", "easter");
    /**
     * Number words and the phrases they make ("ninety nine", "one hundred and five", "twenty-one"). A phrase needs
     * a word other than "one": alone, "one" is mostly a pronoun and carries no trigger value.
     */
    private static final String NUMBER_WORD = "(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
            + "|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty"
            + "|seventy|eighty|ninety|hundred|thousand|millions?|billions?|trillions?|dozens?)";
    private static final Pattern NUMBER_PHRASE = Pattern.compile("(?i)\\b(?:(?:one|a)[\\s-]+)?" + NUMBER_WORD
            + "(?:(?:[\\s-]+and[\\s-]+|[\\s-]+)(?:" + NUMBER_WORD + "|one)\\b)*\\b");
    /** Words kept either side of a temporal word for SUTime: covers "from the early 1990s to mid-2001". */
    private static final int WINDOW_WORDS = 6;
    private static final Pattern TOKEN = Pattern.compile("\\S+");
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

    /** What a whole sentence needs: SUTime and the numeric classifiers, the name tagger, both, or neither. */
    enum Need {
        NONE, TIME, NAMES, BOTH;

        boolean time() {
            return this == TIME || this == BOTH;
        }

        boolean names() {
            return this == NAMES || this == BOTH;
        }
    }

    /**
     * The chosen text, joined by line breaks and cut to {@code maxChars}: one text for SUTime and one for the name
     * tagger (null when none), since SUTime costs ten times what the tagger does per token.
     */
    record Selection(String timeText, String namesText, int sentences, boolean truncated) {
    }

    /** What CoreNLP must see of {@code text}, or null when nothing. */
    static Selection select(String text, int maxChars) {
        StringBuilder time = new StringBuilder();
        StringBuilder names = new StringBuilder();
        int chosen = 0;
        boolean truncated = false;
        for (String sentence : sentences(text)) {
            Need need = need(sentence);
            List<String> forTime = need.time() ? timeWindows(sentence) : numberPhrases(sentence);
            if (need == Need.NONE && forTime.isEmpty()) {
                continue;
            }
            boolean added = false;
            for (String part : forTime) {
                boolean fit = append(time, part, maxChars);
                truncated |= !fit;
                added |= fit;
            }
            if (need.names()) {
                boolean fit = append(names, sentence, maxChars);
                truncated |= !fit;
                added |= fit;
            }
            if (added) {
                chosen++;
            }
        }
        return chosen == 0 ? null : new Selection(time.length() == 0 ? null : time.toString(),
                names.length() == 0 ? null : names.toString(), chosen, truncated);
    }

    /**
     * The parts of a sentence around its temporal words and date-like digits, {@link #WINDOW_WORDS} words either
     * side, overlapping parts merged. SUTime costs ~0.3 ms of CPU per token, and its expressions are local ("the
     * 18th century", "July 4, 1776", "200 years ago", "from 1990 to 1995").
     */
    static List<String> timeWindows(String sentence) {
        List<int[]> words = new ArrayList<>();
        Matcher w = TOKEN.matcher(sentence);
        while (w.find()) {
            words.add(new int[] {w.start(), w.end()});
        }
        boolean[] keep = new boolean[words.size()];
        for (int i = 0; i < words.size(); i++) {
            String token = sentence.substring(words.get(i)[0], words.get(i)[1]);
            if (isTemporalToken(token)) {
                for (int j = Math.max(0, i - WINDOW_WORDS); j <= Math.min(words.size() - 1, i + WINDOW_WORDS); j++) {
                    keep[j] = true;
                }
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < keep.length) {
            if (!keep[i]) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < keep.length && keep[j + 1]) {
                j++;
            }
            out.add(sentence.substring(words.get(i)[0], words.get(j)[1]));
            i = j + 1;
        }
        return out.isEmpty() ? List.of(sentence) : out;
    }

    private static boolean isTemporalToken(String token) {
        if (DigitNumbers.hasDigit(token) && DATE_DIGITS.matcher(token).find()) {
            return true;
        }
        Matcher m = WORD.matcher(token);
        while (m.find()) {
            if (isTemporal(m.group())) {
                return true;
            }
        }
        return false;
    }

    static List<String> numberPhrases(String sentence) {
        List<String> out = new ArrayList<>();
        Matcher m = NUMBER_PHRASE.matcher(sentence);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Appends the part if it fits (a first part longer than the bound is cut); false if it was cut. */
    private static boolean append(StringBuilder out, String part, int maxChars) {
        if (out.length() + part.length() + 1 > maxChars) {
            if (out.length() == 0) {
                out.append(part, 0, maxChars);
            }
            return false;
        }
        if (out.length() > 0) {
            out.append('\n');
        }
        out.append(part);
        return true;
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
        return need(sentence) != Need.NONE || NUMBER_PHRASE.matcher(sentence).find();
    }

    /** What the whole sentence needs (number words aside: see {@link #numberPhrases}). */
    static Need need(String sentence) {
        boolean time = DigitNumbers.hasDigit(sentence) && DATE_DIGITS.matcher(sentence).find();
        boolean names = false;
        Matcher m = WORD.matcher(sentence);
        boolean first = true;
        while (m.find() && !(time && names)) {
            String w = m.group();
            if (isTemporal(w)) {
                time = true;
            } else if (!first && Character.isUpperCase(w.charAt(0)) && !NOT_A_NAME.matcher(w).matches()) {
                names = true;
            }
            first = false;
        }
        return time ? (names ? Need.BOTH : Need.TIME) : (names ? Need.NAMES : Need.NONE);
    }

    /** A temporal word, also inside a hyphenated compound ("mid-July", "two-year"). */
    private static boolean isTemporal(String word) {
        if (CASED_WORDS.contains(word) || WORDS.contains(word.toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (word.indexOf('-') < 0) {
            return false;
        }
        for (String part : word.split("-")) {
            if (CASED_WORDS.contains(part) || WORDS.contains(part.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
