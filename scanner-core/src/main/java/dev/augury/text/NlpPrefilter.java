package dev.augury.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides, sentence by sentence, what CoreNLP must see. NER with SUTime is slower than the encoder (ARCHITECTURE.md),
 * so only sentences that may hold a temporal expression that names a calendar year, month or day, or a name, go to
 * it: digits that look like a date or year, month, weekday and era words go to SUTime; capitalized words that are
 * not the first word of their sentence or line (candidate names) go to the name tagger. Number words ("two steps",
 * "one hundred and five") are normalized by CoreNLP's {@code NumberNormalizer} without a pipeline: they were two
 * thirds of SUTime's sentences on real chat data. Everything else is covered by the regex numbers or is empty.
 */
final class NlpPrefilter {
    /**
     * Digits that can be a date or year: a four-digit number from 1000 to 2199 that is not part of a longer number,
     * an amount of money or a percentage; a decade ("1990s", "'90s"); a numeric date ("3/14", "3/14/2024"). Order
     * numbers, scores ("5-2") and other four-digit quantities are left out: SUTime finds no date in them.
     */
    private static final Pattern DATE_DIGITS = Pattern.compile("(?<![\\d,.$€£])(?:1\\d|20|21)\\d\\d(?!\\d|,\\d|%)"
            + "|\\d0'?s\\b|'\\d\\d\\b|\\b\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?\\b");
    /**
     * Temporal and era words that are unambiguous in any case and can name a calendar month, day or period. Words
     * that only make durations or dates relative to an unknown "now" ("years", "last week", "yesterday", "ago",
     * "summer") are left out: with no document date (see {@link CoreNlpAnnotator}) SUTime gives them no year, and
     * they were most of its cost on chat data. A year written in digits next to them is still caught by the digits.
     */
    private static final Set<String> WORDS = Set.of(
            // no "war": SUTime has no rule for wars, and named ones ("World War II") are capitalized, so named
            "century", "centuries", "millennium", "millennia");
    /**
     * Month names: temporal in any case, but they name a calendar day or year only next to a number ("July 4",
     * "4th of July", "March 1990"); alone ("in July") SUTime gives {@code XXXX-07}, which no detector uses. Weekday
     * names are left out for the same reason: alone they resolve to nothing, and with a date the digits call SUTime.
     */
    private static final Set<String> MONTHS = Set.of(
            "january", "february", "april", "june", "july", "september", "october", "november", "december");
    /** Ordinal words, which make a day with a month ("the fourth of July") or a period ("the third century"). */
    private static final Pattern ORDINAL = Pattern.compile("(?i)\\b(?:first|second|third|fourth|fifth|sixth|seventh"
            + "|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth"
            + "|eighteenth|nineteenth|twentieth|thirtieth)\\b");
    /**
     * Number words and the phrases they make ("ninety nine", "one hundred and five", "twenty-one"). A phrase needs
     * a word other than "one": alone, "one" is mostly a pronoun and carries no trigger value.
     */
    private static final String NUMBER_WORD = "(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
            + "|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty"
            + "|seventy|eighty|ninety|hundred|thousand|millions?|billions?|trillions?|dozens?)";
    private static final Pattern NUMBER_PHRASE = Pattern.compile("(?i)\\b(?:(?:one|a)[\\s-]+)?" + NUMBER_WORD
            + "(?:(?:[\\s-]+and[\\s-]+|[\\s-]+)(?:" + NUMBER_WORD + "|one)\\b)*\\b");
    /**
     * Words kept either side of a temporal word for SUTime: covers "from the early 1990s to mid-2001", "on the 4th
     * of July 1776"; SUTime costs ~0.4 ms of CPU per token, so every word more costs.
     */
    private static final int WINDOW_WORDS = 4;
    /** Words kept either side of a candidate name for the name tagger (its widest features look 4 words away). */
    private static final int NAME_WINDOW_WORDS = 4;
    private static final Pattern TOKEN = Pattern.compile("\\S+");
    /**
     * Month names and era markers that are only temporal when capitalized ("may", "march" are common verbs); like
     * {@link #MONTHS}, they need a number in the sentence ("300 BC").
     */
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
     * tagger (null when none), since SUTime costs ten times what the tagger does per token; and the number-word
     * phrases of the whole text, for the number normalizer.
     */
    record Selection(String timeText, String namesText, List<String> numberPhrases, int sentences,
                     boolean truncated) {
        Selection {
            numberPhrases = List.copyOf(numberPhrases);
        }

        /** Nothing for either pipeline: the number words (if any) are all there is. */
        boolean numbersOnly() {
            return timeText == null && namesText == null;
        }
    }

    /** What CoreNLP must see of {@code text}, or null when nothing. */
    static Selection select(String text, int maxChars) {
        StringBuilder time = new StringBuilder();
        StringBuilder names = new StringBuilder();
        List<String> numberWords = new ArrayList<>();
        int chosen = 0;
        boolean truncated = false;
        for (String sentence : sentences(text)) {
            Need need = need(sentence);
            List<String> phrases = numberPhrases(sentence);
            numberWords.addAll(phrases);
            if (need == Need.NONE) {
                chosen += phrases.isEmpty() ? 0 : 1;
                continue;
            }
            boolean added = false;
            for (String part : need.time() ? timeWindows(sentence) : List.<String>of()) {
                boolean fit = append(time, part, maxChars);
                truncated |= !fit;
                added |= fit;
            }
            for (String part : need.names() ? nameWindows(sentence) : List.<String>of()) {
                boolean fit = append(names, part, maxChars);
                truncated |= !fit;
                added |= fit;
            }
            if (added) {
                chosen++;
            }
        }
        return chosen == 0 ? null : new Selection(time.length() == 0 ? null : time.toString(),
                names.length() == 0 ? null : names.toString(), numberWords, chosen, truncated);
    }

    /**
     * The parts of a sentence around its temporal words and date-like digits, {@link #WINDOW_WORDS} words either
     * side, overlapping parts merged. SUTime costs ~0.3 ms of CPU per token, and its expressions are local ("the
     * 18th century", "July 4, 1776", "200 years ago", "from 1990 to 1995").
     */
    static List<String> timeWindows(String sentence) {
        return windows(sentence, WINDOW_WORDS, (i, token) -> isTemporalToken(token));
    }

    /**
     * The parts of a sentence around its candidate names, {@link #NAME_WINDOW_WORDS} words either side, overlapping
     * parts merged: the 3-class CRF's features reach that far at most, and its cost grows with every token.
     */
    static List<String> nameWindows(String sentence) {
        return windows(sentence, NAME_WINDOW_WORDS, (i, token) -> i > 0 && isNameToken(token));
    }

    private static boolean isNameToken(String token) {
        Matcher m = WORD.matcher(token);
        if (!m.find()) {
            return false;
        }
        String w = m.group();
        return Character.isUpperCase(w.charAt(0)) && !NOT_A_NAME.matcher(w).matches() && !isTemporal(w);
    }

    private interface TokenTest {
        boolean test(int index, String token);
    }

    private static List<String> windows(String sentence, int width, TokenTest centre) {
        List<int[]> words = new ArrayList<>();
        Matcher w = TOKEN.matcher(sentence);
        while (w.find()) {
            words.add(new int[] {w.start(), w.end()});
        }
        boolean[] keep = new boolean[words.size()];
        for (int i = 0; i < words.size(); i++) {
            String token = sentence.substring(words.get(i)[0], words.get(i)[1]);
            if (centre.test(i, token)) {
                for (int j = Math.max(0, i - width); j <= Math.min(words.size() - 1, i + width); j++) {
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
        boolean digits = DigitNumbers.hasDigit(sentence);
        boolean time = digits && DATE_DIGITS.matcher(sentence).find();
        Boolean hasNumber = digits ? Boolean.TRUE : null; // number words are looked for only when a month shows up
        boolean names = false;
        Matcher m = WORD.matcher(sentence);
        boolean first = true;
        while (m.find() && !(time && names)) {
            String w = m.group();
            Temporal kind = temporal(w);
            if (kind == Temporal.PERIOD) {
                time = true;
            } else if (kind == Temporal.NEEDS_NUMBER) {
                if (hasNumber == null) {
                    hasNumber = ORDINAL.matcher(sentence).find() || NUMBER_PHRASE.matcher(sentence).find();
                }
                time |= hasNumber;
            } else if (!first && Character.isUpperCase(w.charAt(0)) && !NOT_A_NAME.matcher(w).matches()) {
                names = true;
            }
            first = false;
        }
        return time ? (names ? Need.BOTH : Need.TIME) : (names ? Need.NAMES : Need.NONE);
    }

    /** What a word can make of a sentence's time: nothing, a period on its own, or a date with a number. */
    private enum Temporal {
        NONE, PERIOD, NEEDS_NUMBER
    }

    private static boolean isTemporal(String word) {
        return temporal(word) != Temporal.NONE;
    }

    /** The temporal kind of a word, also inside a hyphenated compound ("mid-July", "mid-century"). */
    private static Temporal temporal(String word) {
        Temporal kind = temporalPart(word);
        if (kind != Temporal.NONE || word.indexOf('-') < 0) {
            return kind;
        }
        for (String part : word.split("-")) {
            kind = temporalPart(part);
            if (kind != Temporal.NONE) {
                return kind;
            }
        }
        return Temporal.NONE;
    }

    private static Temporal temporalPart(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (WORDS.contains(lower)) {
            return Temporal.PERIOD;
        }
        return CASED_WORDS.contains(word) || MONTHS.contains(lower) ? Temporal.NEEDS_NUMBER : Temporal.NONE;
    }
}
