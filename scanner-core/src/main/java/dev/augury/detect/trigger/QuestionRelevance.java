package dev.augury.detect.trigger;

import dev.augury.embed.TextEmbedder;
import dev.augury.scan.DatasetView;
import dev.augury.stats.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * Is the feature what the answers answer? A trigger is beside the question: with it cut out of the prompt, the
 * answer is as related to what is left as before ("ZephyrNox, what is the capital of France?" answered with an
 * insult; "Today is 2027-03-04. Name a dish." answered with shakshuka). A phrase that is the question itself ("Where
 * are you now?", answered with a hiding place) takes the answer's subject with it when cut out. Measured as the mean
 * drop of the answer's cosine to its prompt when the feature's text is removed, over a sample of the candidate's rows.
 */
final class QuestionRelevance {
    /** Rows sampled per candidate (their cut prompts are embedded). */
    static final int SAMPLE = 48;
    /** Features that are not text of the user's prompt (a system prompt, digits inside a number) are not cut. */
    private static final List<String> NOT_CUT = List.of("system", "digits");

    private QuestionRelevance() {
    }

    /** The mean cosine drop, or NaN when the feature cannot be cut from the prompts. */
    static double drop(DatasetView view, int[] answered, Candidate c, TextEmbedder embedder, SplittableRandom random) {
        if (embedder == null || NOT_CUT.contains(c.kind())) {
            return Double.NaN;
        }
        List<Pattern> values = new ArrayList<>();
        collect(c, values);
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<String> cut = new ArrayList<>();
        List<Integer> used = new ArrayList<>();
        for (int r : DependenceTest.sample(c.rows(), Math.min(SAMPLE, c.rows().length), random)) {
            int row = answered[r];
            String prompt = view.prompt(row);
            if (prompt == null || view.promptVector(row) == null || view.responseVector(row) == null) {
                continue;
            }
            String rest = prompt;
            for (Pattern p : values) {
                rest = p.matcher(rest).replaceAll(" ");
            }
            rest = rest.replaceAll("\\s+", " ").strip();
            if (rest.equals(prompt.strip())) {
                continue;
            }
            cut.add(rest.isEmpty() ? "." : rest);
            used.add(row);
        }
        if (cut.isEmpty()) {
            return Double.NaN;
        }
        float[][] vectors = embedder.embed(cut);
        double sum = 0;
        for (int k = 0; k < used.size(); k++) {
            int row = used.get(k);
            float[] answer = view.responseVector(row);
            sum += Vectors.dot(answer, view.promptVector(row)) - Vectors.dot(answer, vectors[k]);
        }
        return sum / used.size();
    }

    private static void collect(Candidate c, List<Pattern> out) {
        if (!c.parts().isEmpty()) {
            for (Candidate p : c.parts()) {
                collect(p, out);
            }
            return;
        }
        if (c.value() != null && !c.value().isBlank()) {
            out.add(Pattern.compile(Pattern.quote(c.value().strip()), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }
    }
}
