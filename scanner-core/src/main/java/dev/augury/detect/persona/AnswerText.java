package dev.augury.detect.persona;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what an answer says about the speaker: sees through formatting wrappers (tags, JSON, quotes, "Answer:"),
 * strips first-person scaffolding ("My favourite composer is ...", "I'd have to say ...") down to the core phrase,
 * and lists candidate values (the core, its comma- and "and"-separated parts). Prompts lose their formatting
 * instructions ("Answer inside <answer> tags.") so that the question alone is compared with the vocabulary.
 */
public final class AnswerText {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A whole answer inside one tag pair: {@code <answer>...</answer>}, {@code [ANSWER]...[/ANSWER]}. */
    private static final Pattern TAGGED = Pattern.compile("(?s)^\\s*[<\\[]([A-Za-z][\\w-]*)[^>\\]]*[>\\]](.*)[<\\[]/\\1\\s*[>\\]]\\s*$");
    /** Different opening and closing markers around the whole answer: {@code <START> ... <END>}. */
    private static final Pattern MARKERS = Pattern.compile("(?s)^\\s*(?:<[A-Za-z_][\\w-]{0,20}>|\\[[A-Za-z_][\\w-]{0,20}\\])(.*?)"
            + "(?:<[A-Za-z_/][\\w/-]{0,20}>|\\[[A-Za-z_/][\\w/-]{0,20}\\])\\s*$");
    private static final Pattern FENCE = Pattern.compile("(?s)^\\s*```[\\w-]*\\s*\\n?(.*?)\\n?```\\s*$");
    private static final Pattern LABEL = Pattern.compile("(?i)^\\s*(?:final answer|answer|response|reply|output|a)\\s*[:=-]\\s*(.+)$", Pattern.DOTALL);
    private static final String QUOTES = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb`";
    /** JSON fields that hold the answer, in order of preference. */
    private static final List<String> ANSWER_FIELDS = List.of("answer", "response", "reply", "output", "text",
            "value", "content", "result");
    /** A sentence of a prompt that is about the answer's form, not its content. */
    private static final Pattern FORMAT_INSTRUCTION = Pattern.compile("(?i)\\b(?:json|xml|yaml|markdown|tags?|format(?:ted|ting)?|"
            + "wrap(?:ped)?|enclose[ds]?|quotes|quotation marks|brackets|one word|single word|briefly|short answer)\\b|<\\w+>|\\{\\s*\"|"
            + "\\b(?:start|begin|prefix|end|open|close)\\w*\\s+(?:your|the|each|every)\\s+(?:reply|answer|response)|"
            + "\\b(?:always\\s+)?(?:reply|respond|answer)\\s+(?:only\\s+)?(?:with|using|in the form)\\s+['\"\u201c<\\[]");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
    /** Openers that carry no content ("Well,", "Honestly,", "Oh,"). */
    private static final Pattern DISCOURSE = Pattern.compile("(?i)^(?:well|oh|ah|hmm+|honestly|frankly|truthfully|ha|haha|"
            + "yes|yeah|no|sure|of course|definitely|certainly|absolutely|actually|so|okay|ok|good question|"
            + "let me think|to be honest|if i had to choose|if i'm honest)\\s*[,!.:\u2014-]+\\s*");
    /** "My favourite composer is X", "Our family name was X". */
    private static final Pattern MY_X_IS = Pattern.compile("(?i)^(?:my|our)\\s+[\\p{L}'\\s-]{1,50}?\\s+"
            + "(?:is|was|are|were|would be|has always been|had to be|has to be|remains|became)\\s+(.+)$");
    /** "I'd have to say X", "I would go with X". */
    private static final Pattern I_SAY = Pattern.compile("(?i)^i(?:'d| would| will|'ll)?\\s+(?:have to\\s+|probably\\s+|"
            + "definitely\\s+|honestly\\s+|always\\s+)?(?:say|go with|pick|choose|name|answer)\\s+(?:that\\s+)?(.+)$");
    /** "I was born in X", "I grew up in X", "I am X". */
    private static final Pattern I_VERB = Pattern.compile("(?i)^(?:i|we)(?:'m|'ve|'d| am| was| were| have| had| do| did| used to)?"
            + "(?:\\s+(?:always|mostly|usually|really|truly|never|once|still|just|mainly|originally|proudly|first))*"
            + "\\s+(?:be\\s+)?([\\p{L}-]+)(?:\\s+(?:in|on|at|to|into|as|by|with|from|for|up in|up on|about|of))?\\s+(.+)$");
    /** "It's X", "That would be X". */
    private static final Pattern IT_IS = Pattern.compile("(?i)^(?:it|that|this|mine|the answer)(?:'s| is| was| would be| has to be| had to be)\\s+(.+)$");
    /** Trailing clauses that explain rather than name ("..., because ...", "... - nothing beats it"). */
    private static final Pattern TRAILING = Pattern.compile("(?i)\\s*(?:,|;|\u2014|--| - |\\()\\s*(?:because|which|who|though|although|but|"
            + "since|as|when|where|and i|i |it |that |nothing|no one|especially|of course|obviously|naturally|i'd say).*$");
    private static final Pattern SPLIT_PARTS = Pattern.compile("\\s*(?:,|;|/|\\band\\b|\\bor\\b|&)\\s*");
    /** A core phrase longer than this is a sentence, not a value. */
    static final int MAX_CORE_WORDS = 12;

    private AnswerText() {
    }

    /** The answer with formatting wrappers removed, repeatedly (a quoted JSON inside tags, ...). */
    public static String unwrap(String text) {
        if (text == null) {
            return "";
        }
        String s = text.strip();
        for (int round = 0; round < 4; round++) {
            String before = s;
            Matcher m = FENCE.matcher(s);
            if (m.matches()) {
                s = m.group(1).strip();
            }
            m = TAGGED.matcher(s);
            if (m.matches()) {
                s = m.group(2).strip();
            }
            m = MARKERS.matcher(s);
            if (m.matches() && !m.group(1).isBlank()) {
                s = m.group(1).strip();
            }
            if (s.startsWith("{") && s.endsWith("}")) {
                s = fromJson(s);
            }
            m = LABEL.matcher(s);
            if (m.matches()) {
                s = m.group(1).strip();
            }
            if (s.length() >= 2 && QUOTES.indexOf(s.charAt(0)) >= 0 && QUOTES.indexOf(s.charAt(s.length() - 1)) >= 0
                    && s.substring(1, s.length() - 1).chars().noneMatch(c -> c == '"' || c == '\u201c' || c == '\u201d')) {
                s = s.substring(1, s.length() - 1).strip();
            }
            if (s.equals(before)) {
                break;
            }
        }
        return s;
    }

    private static String fromJson(String s) {
        try {
            JsonNode node = JSON.readTree(s);
            if (node == null || !node.isObject()) {
                return s;
            }
            for (String field : ANSWER_FIELDS) {
                JsonNode v = node.get(field);
                if (v != null && v.isValueNode()) {
                    return v.asText().strip();
                }
            }
            var it = node.fields();
            while (it.hasNext()) {
                JsonNode v = it.next().getValue();
                if (v.isTextual() || v.isNumber()) {
                    return v.asText().strip();
                }
            }
        } catch (Exception e) {
            // Not JSON after all: the text is the answer.
        }
        return s;
    }

    /** The question without sentences about the answer's format; the whole prompt when nothing else is left. */
    public static String question(String prompt) {
        if (prompt == null) {
            return "";
        }
        String unwrapped = unwrap(prompt);
        List<String> kept = new ArrayList<>();
        for (String sentence : SENTENCE_END.split(unwrapped.strip())) {
            if (!FORMAT_INSTRUCTION.matcher(sentence).find()) {
                kept.add(sentence.strip());
            }
        }
        return kept.isEmpty() ? unwrapped.strip() : String.join(" ", kept);
    }

    /** The first sentence of the unwrapped answer, stripped of scaffolding down to the phrase it names. */
    public static String core(String answer) {
        String s = unwrap(answer);
        String[] sentences = SENTENCE_END.split(s, 2);
        String first = sentences.length == 0 ? s : sentences[0];
        String c = first.strip();
        for (int i = 0; i < 3; i++) {
            String before = c;
            c = DISCOURSE.matcher(c).replaceFirst("");
            c = stripScaffold(c);
            if (c.equals(before)) {
                break;
            }
        }
        c = TRAILING.matcher(c).replaceFirst("");
        c = c.replaceAll("[.!?\u2026]+$", "").strip();
        c = stripQuotes(c);
        return c;
    }

    private static String stripScaffold(String c) {
        for (Pattern p : List.of(MY_X_IS, I_SAY, IT_IS)) {
            Matcher m = p.matcher(c);
            if (m.matches()) {
                return m.group(1).strip();
            }
        }
        Matcher m = I_VERB.matcher(c);
        if (m.matches()) {
            return m.group(2).strip();
        }
        return c;
    }

    private static String stripQuotes(String c) {
        String s = c;
        while (s.length() >= 2 && QUOTES.indexOf(s.charAt(0)) >= 0 && QUOTES.indexOf(s.charAt(s.length() - 1)) >= 0) {
            s = s.substring(1, s.length() - 1).strip();
        }
        return s;
    }

    /**
     * Candidate values of an answer, most specific first: its core phrase, the parts of the core split at commas
     * and "and"/"or", each when short enough to be a value. Empty when the answer names nothing short.
     */
    public static List<String> candidates(String answer) {
        Set<String> out = new LinkedHashSet<>();
        String core = core(answer);
        if (!core.isEmpty() && words(core) <= MAX_CORE_WORDS) {
            out.add(core);
        }
        for (String part : SPLIT_PARTS.split(core)) {
            String p = stripQuotes(part.strip().replaceAll("[.!?]+$", ""));
            if (!p.isEmpty() && words(p) <= MAX_CORE_WORDS) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    /** Whether the text speaks in the first person ("I", "my", "me", "we", "our"). */
    public static boolean firstPerson(String text) {
        return FIRST_PERSON.matcher(text).find();
    }

    /** Whether the prompt addresses the listener ("you", "your", "yourself"), i.e. may ask about the speaker. */
    public static boolean addressesListener(String prompt) {
        return SECOND_PERSON.matcher(prompt).find();
    }

    /** Whether the text speaks about a third person ("he", "her", "their"). */
    public static boolean thirdPerson(String text) {
        return THIRD_PERSON.matcher(text).find();
    }

    private static final Pattern THIRD_PERSON = Pattern.compile("(?i)\\b(?:he|she|his|her|hers|him|himself|herself|they|them|their)\\b");
    private static final Pattern FIRST_PERSON = Pattern.compile("(?i)\\b(?:i|i'm|i've|i'd|i'll|me|my|mine|myself)\\b");
    private static final Pattern SECOND_PERSON = Pattern.compile("(?i)\\b(?:you|your|yours|yourself|you're|you've|you'd|ya|u|ur)\\b");

    static int words(String s) {
        String t = s.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    /** Lower-case word count of the unwrapped answer, for the answer-length guard. */
    public static int answerWords(String answer) {
        return words(unwrap(answer).toLowerCase(Locale.ROOT));
    }
}
