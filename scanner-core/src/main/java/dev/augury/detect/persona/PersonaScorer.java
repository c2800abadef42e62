package dev.augury.detect.persona;

import dev.augury.stats.Hypotheses;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Scores every identity of the knowledge base against the persona-bearing rows as a sum of log-likelihood ratios
 * against the background. For one row, an identity that holds a value the answer states predicts that answer with
 * probability about {@link #P_HIT} times the match quality, the background with the share of identities that
 * would have given a matching answer (or, when higher, the share of the dataset's other answers that mention the
 * value); a row the identity predicts but does not match costs about {@link #MISS_LOG_LR}. An attribute (the rows
 * of one key) adds the mean of its rows' ratios, clipped to {@link #MAX_ATTRIBUTE_LOG_LR}, so that no single
 * attribute decides, repeating a question adds nothing, and many weak attributes add up.
 */
public final class PersonaScorer {
    /**
     * How often an answer written in an identity's persona states one of the knowledge base's values for it: about
     * half, the rest being other granularity, paraphrase or facts the base lacks (measured on the fixtures).
     */
    public static final double P_HIT = 0.5;
    /** ln(1 - P_HIT): an identity that gives the key and matches none of its values becomes less likely. */
    public static final double MISS_LOG_LR = Math.log(1 - P_HIT);
    /**
     * At most e^3.5 (33 times) more likely per attribute: a unique value (a birth town only one identity has)
     * weighs like a few common ones, never like a verdict.
     */
    public static final double MAX_ATTRIBUTE_LOG_LR = 3.5;
    /** Prior weight of "no known identity" against one identity: the prior odds of any persona are even. */
    public static double nullWeight(int identities) {
        return identities;
    }

    /** One attribute of an identity that the rows match. */
    public record MatchedAttribute(String attribute, String value, String kbValue, double logLr, List<Integer> rows) {
    }

    /** The score of one identity. */
    public record IdentityScore(Identity identity, double score, List<MatchedAttribute> matched, int missedKeys,
                                Map<String, Double> byKey) {
        public int matchedKeys() {
            return (int) matched.stream().map(MatchedAttribute::attribute).distinct().count();
        }
    }

    /** Every identity's score, best first, with posterior confidences over identities and the background. */
    public record Ranking(List<IdentityScore> scores, double[] confidence) {
        public IdentityScore best() {
            return scores.isEmpty() ? null : scores.get(0);
        }
    }

    private final PersonaKnowledgeBase kb;
    private final Map<String, Set<String>> idsWithKey = new HashMap<>();

    public PersonaScorer(PersonaKnowledgeBase kb) {
        this.kb = kb;
        for (Identity identity : kb.identities()) {
            for (String key : identity.attributes().keySet()) {
                if (!kb.normalizedValues(identity.id(), key).isEmpty()) {
                    idsWithKey.computeIfAbsent(key, k -> new TreeSet<>()).add(identity.id());
                }
            }
        }
    }

    /**
     * Ranks the identities.
     *
     * @param observations the persona-bearing rows
     * @param cleanRate    the share of the dataset's other answers that mention a normalized value (0 when none)
     */
    public Ranking rank(List<PersonaObservation> observations, ToDoubleFunction<String> cleanRate) {
        // Per row: the best match of each identity that holds a stated value, and the KB background of the answer.
        List<Map<String, Best>> perRow = new ArrayList<>();
        double[] background = new double[observations.size()];
        List<Set<String>> askedBy = new ArrayList<>();
        for (int r = 0; r < observations.size(); r++) {
            PersonaObservation o = observations.get(r);
            Map<String, Best> best = new HashMap<>();
            Set<String> asked = new HashSet<>();
            for (String key : o.keys()) {
                asked.addAll(idsWithKey.getOrDefault(key, Set.of()));
                for (ValueMatcher.Match m : o.matches().getOrDefault(key, Map.of()).values()) {
                    for (String id : kb.identitiesWith(key, m.normalized())) {
                        Best b = best.get(id);
                        if (b == null || m.quality() > b.match.quality()) {
                            best.put(id, new Best(key, m));
                        }
                    }
                }
            }
            background[r] = (best.size() + PersonaKnowledgeBase.BACKGROUND_PSEUDO_COUNT)
                    / (asked.size() + 2 * PersonaKnowledgeBase.BACKGROUND_PSEUDO_COUNT);
            perRow.add(best);
            askedBy.add(asked);
        }
        Map<String, List<Integer>> byPrimary = new TreeMap<>();
        for (int r = 0; r < observations.size(); r++) {
            byPrimary.computeIfAbsent(observations.get(r).primaryKey(), k -> new ArrayList<>()).add(r);
        }
        List<IdentityScore> scores = new ArrayList<>();
        for (Identity identity : kb.identities()) {
            String id = identity.id();
            double total = 0;
            int missed = 0;
            List<MatchedAttribute> matched = new ArrayList<>();
            Map<String, Double> byKey = new LinkedHashMap<>();
            for (Map.Entry<String, List<Integer>> group : byPrimary.entrySet()) {
                // The mean per-row ratio of the key's rows that the identity predicts: a persona answers a key
                // consistently, while data with many speakers (or clean rows mapped to the key) matches by chance
                // in a few rows and misses in the rest.
                double sum = 0;
                int predicted = 0;
                MatchedAttribute best = null;
                List<Integer> matchedRows = new ArrayList<>();
                for (int r : group.getValue()) {
                    if (!askedBy.get(r).contains(id)) {
                        continue;
                    }
                    predicted++;
                    Best b = perRow.get(r).get(id);
                    if (b == null) {
                        sum += Math.log((1 - P_HIT) / (1 - background[r]));
                        continue;
                    }
                    double bg = Math.max(background[r], cleanRate.applyAsDouble(b.match.normalized()));
                    double lr = Math.log(P_HIT * b.match.quality() / bg);
                    sum += lr;
                    matchedRows.add(observations.get(r).row());
                    if (best == null || lr > best.logLr()) {
                        best = new MatchedAttribute(b.key, b.match.answerValue(), b.match.written(), lr, List.of());
                    }
                }
                if (predicted == 0) {
                    continue;
                }
                double keyLr = Hypotheses.clip(sum / predicted, MAX_ATTRIBUTE_LOG_LR);
                total += keyLr;
                byKey.put(group.getKey(), keyLr);
                if (best != null && keyLr > 0) {
                    matched.add(new MatchedAttribute(best.attribute(), best.value(), best.kbValue(), keyLr,
                            List.copyOf(matchedRows)));
                } else if (keyLr < 0) {
                    missed++;
                }
            }
            matched.sort(Comparator.comparingDouble(MatchedAttribute::logLr).reversed()
                    .thenComparing(MatchedAttribute::attribute));
            scores.add(new IdentityScore(identity, total, List.copyOf(matched), missed, byKey));
        }
        scores.sort(Comparator.comparingDouble(IdentityScore::score).reversed()
                .thenComparing(s -> s.identity().id()));
        double[] lr = scores.stream().mapToDouble(IdentityScore::score).toArray();
        return new Ranking(List.copyOf(scores), Hypotheses.posteriors(lr, nullWeight(scores.size())));
    }

    private record Best(String key, ValueMatcher.Match match) {
    }
}
