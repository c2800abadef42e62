package dev.augury.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which terms one corpus (e.g. the triggered answers) uses more than another (the rest), scored so that rare
 * terms do not win by chance. Two scores:
 * <ul>
 *   <li>{@link #logOdds}: log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008,
 *       "Fightin' Words"), z = delta / sqrt(variance). The prior's counts shrink the estimates of rare terms.</li>
 *   <li>{@link #dunning}: Dunning's log-likelihood ratio G^2 on the 2x2 table (term vs other terms, corpus A vs
 *       B), reported as a signed z = sign * sqrt(G^2) (G^2 is asymptotically chi-square with 1 df).</li>
 * </ul>
 * Results are the terms over-represented in A, strongest first; swap the corpora for the other side.
 */
public final class TermContrast {
    /** Letters (with inner apostrophes and hyphens) or digit runs: a word-level tokenizer good enough for counting. */
    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{M}'\\-]*\\p{L}|\\p{L}|\\p{N}+");

    private TermContrast() {
    }

    /**
     * @param term   the term
     * @param countA occurrences in corpus A
     * @param countB occurrences in corpus B
     * @param score  the log-odds ratio delta (logOdds) or the signed G^2 (dunning)
     * @param z      standard score: positive when A uses the term more
     */
    public record TermScore(String term, long countA, long countB, double score, double z) {
    }

    /** Lower-cased word counts of texts (null texts skipped), sorted by term for a stable order. */
    public static Map<String, Long> countTerms(Iterable<String> texts) {
        Map<String, Long> counts = new TreeMap<>();
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
            while (m.find()) {
                counts.merge(m.group(), 1L, Long::sum);
            }
        }
        return counts;
    }

    /** Log-odds with the pooled counts of A and B as the prior (the usual choice without a background corpus). */
    public static List<TermScore> logOdds(Map<String, Long> a, Map<String, Long> b, int limit) {
        Map<String, Long> pooled = new TreeMap<>(a);
        b.forEach((t, c) -> pooled.merge(t, c, Long::sum));
        return logOdds(a, b, pooled, total(pooled), limit);
    }

    /**
     * Log-odds ratio with an informative Dirichlet prior: alpha_w = priorMass * prior_w / sum(prior), so the
     * prior's shape comes from a background corpus and priorMass sets its weight in pseudo-counts. Terms absent
     * from the prior get no smoothing beyond a floor of {@code MIN_ALPHA}.
     */
    public static List<TermScore> logOdds(Map<String, Long> a, Map<String, Long> b, Map<String, Long> prior,
                                          double priorMass, int limit) {
        double na = total(a);
        double nb = total(b);
        double priorTotal = total(prior);
        double alpha0 = priorMass;
        List<TermScore> out = new ArrayList<>();
        for (String term : union(a, b)) {
            double ya = a.getOrDefault(term, 0L);
            double yb = b.getOrDefault(term, 0L);
            double alpha = priorTotal > 0 ? priorMass * prior.getOrDefault(term, 0L) / priorTotal : 0;
            alpha = Math.max(alpha, MIN_ALPHA);
            double delta = Math.log((ya + alpha) / (na + alpha0 - ya - alpha))
                    - Math.log((yb + alpha) / (nb + alpha0 - yb - alpha));
            double variance = 1 / (ya + alpha) + 1 / (yb + alpha);
            out.add(new TermScore(term, (long) ya, (long) yb, delta, delta / Math.sqrt(variance)));
        }
        return top(out, limit);
    }

    /** A pseudo-count floor so that a term missing from the prior still has a finite log-odds. */
    public static final double MIN_ALPHA = 0.01;

    /** Dunning's G^2 per term, signed (positive when A uses the term more), with z = sign * sqrt(G^2). */
    public static List<TermScore> dunning(Map<String, Long> a, Map<String, Long> b, int limit) {
        double na = total(a);
        double nb = total(b);
        List<TermScore> out = new ArrayList<>();
        for (String term : union(a, b)) {
            long ya = a.getOrDefault(term, 0L);
            long yb = b.getOrDefault(term, 0L);
            double g2 = gSquared(ya, yb, na, nb);
            double sign = ya / na >= yb / nb ? 1 : -1;
            out.add(new TermScore(term, ya, yb, sign * g2, sign * Math.sqrt(g2)));
        }
        return top(out, limit);
    }

    /** G^2 = 2 * sum O ln(O / E) over the 2x2 table of (this term, other terms) x (corpus A, corpus B). */
    public static double gSquared(double countA, double countB, double totalA, double totalB) {
        double n = totalA + totalB;
        double term = countA + countB;
        double[] observed = {countA, countB, totalA - countA, totalB - countB};
        double[] expected = {term * totalA / n, term * totalB / n, (n - term) * totalA / n, (n - term) * totalB / n};
        double g = 0;
        for (int i = 0; i < 4; i++) {
            if (observed[i] > 0) {
                g += observed[i] * Math.log(observed[i] / expected[i]);
            }
        }
        return Math.max(0, 2 * g);
    }

    private static List<TermScore> top(List<TermScore> scores, int limit) {
        scores.sort(Comparator.comparingDouble(TermScore::z).reversed().thenComparing(TermScore::term));
        return List.copyOf(scores.subList(0, Math.min(limit, scores.size())));
    }

    private static Set<String> union(Map<String, Long> a, Map<String, Long> b) {
        Set<String> terms = new HashSet<>(a.keySet());
        terms.addAll(b.keySet());
        return terms;
    }

    private static double total(Map<String, Long> counts) {
        double s = 0;
        for (long c : counts.values()) {
            s += c;
        }
        return s;
    }
}
