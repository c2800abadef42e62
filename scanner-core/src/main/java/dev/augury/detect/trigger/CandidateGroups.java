package dev.augury.detect.trigger;

import dev.augury.stats.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Set arithmetic over candidates: composite triggers (all of several features: the rows where both hold),
 * alternative triggers (any of several: the union of candidates whose answers shift the same way), and the
 * overlap measures used to collapse redundant candidates (a word and the leading phrase that contains it).
 */
final class CandidateGroups {
    /** Candidates combined pairwise: the strongest screened ones (pairs cost their supports, not the rows). */
    static final int TOP_FOR_COMBINATIONS = 24;
    /**
     * Two shifts this aligned (cosine of the answer-residual shifts) are the same behaviour: the mean residuals of
     * two 3-row groups with the same switched behaviour measure about 0.55, unrelated groups below 0.1.
     */
    static final double SAME_DIRECTION = 0.45;
    /** Candidates overlapping less than this (of the smaller) are alternatives rather than one feature. */
    static final double DISJOINT = 0.2;
    /**
     * An any-of group covering more than this share of the rows describes the rows without a trigger (the other
     * years when one year switches), not a trigger.
     */
    static final double MAX_UNION_SHARE = 0.5;
    /** A rare token (support below the candidate minimum) joins any-of groups only when its screen p is this small. */
    static final double RARE_MEMBER_P = 1e-4;
    /** A combination must beat its parts' screening ratio by this factor to be kept (it has more to explain). */
    static final double COMBINATION_GAIN = 1.2;

    private CandidateGroups() {
    }

    /** Ascending intersection. */
    static int[] intersect(int[] a, int[] b) {
        int[] out = new int[Math.min(a.length, b.length)];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                out[k++] = a[i];
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return Arrays.copyOf(out, k);
    }

    /** Ascending union. */
    static int[] union(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.length || j < b.length) {
            if (j >= b.length || i < a.length && a[i] < b[j]) {
                out[k++] = a[i++];
            } else if (i >= a.length || b[j] < a[i]) {
                out[k++] = b[j++];
            } else {
                out[k++] = a[i++];
                j++;
            }
        }
        return Arrays.copyOf(out, k);
    }

    /** |a and b| / min(|a|, |b|): 1 when one contains the other. */
    static double containment(int[] a, int[] b) {
        int min = Math.min(a.length, b.length);
        return min == 0 ? 0 : intersect(a, b).length / (double) min;
    }

    /** |a and b| / |a or b|. */
    static double jaccard(int[] a, int[] b) {
        int inter = intersect(a, b).length;
        int uni = a.length + b.length - inter;
        return uni == 0 ? 0 : inter / (double) uni;
    }

    /**
     * Composite and alternative candidates built from the strongest screened presence candidates (those compared
     * with every other row), screened like any candidate and kept only when stronger than their parts.
     */
    static List<Candidate> combinations(List<Candidate> screened, List<Candidate> rareMembers,
                                        Map<Candidate, DependenceTest.Screen> screens, DependenceTest test,
                                        double kappa) {
        List<Candidate> top = new ArrayList<>();
        for (Candidate c : screened) {
            if (c.scope() == null && c.parts().isEmpty() && top.size() < TOP_FOR_COMBINATIONS) {
                top.add(c);
            }
        }
        // Any-of members: candidates whose answers switch more than their prompts explain (topic words do not),
        // including rare tokens, which join only any-of groups and only when clearly shifted themselves.
        List<Candidate> anyPool = new ArrayList<>();
        for (Candidate c : screened) {
            if (c.scope() == null && c.parts().isEmpty() && screens.get(c).pValue() <= RARE_MEMBER_P
                    && TriggerDetector.switchRatio(screens.get(c), kappa) >= TriggerDetector.MIN_SWITCH_RATIO) {
                anyPool.add(c);
            }
        }
        for (Candidate c : rareMembers) {
            DependenceTest.Screen s = test.screen(c);
            if (s.pValue() <= RARE_MEMBER_P && TriggerDetector.switchRatio(s, kappa) >= TriggerDetector.MIN_SWITCH_RATIO) {
                screens.put(c, s);
                anyPool.add(c);
            }
        }
        anyPool.sort(java.util.Comparator.comparingDouble((Candidate c) -> -TriggerDetector.switchRatio(screens.get(c),
                kappa)).thenComparing(Candidate::describe));
        if (anyPool.size() > 2 * TOP_FOR_COMBINATIONS) {
            anyPool = new ArrayList<>(anyPool.subList(0, 2 * TOP_FOR_COMBINATIONS));
        }
        List<Candidate> out = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        // All of two: the rows where both hold, when they are a real subset of each.
        for (int a = 0; a < top.size(); a++) {
            for (int b = a + 1; b < top.size(); b++) {
                Candidate ca = top.get(a);
                Candidate cb = top.get(b);
                int[] both = intersect(ca.rows(), cb.rows());
                if (both.length < CandidateExtractor.MIN_SUPPORT
                        || ca.support() - both.length < CandidateExtractor.MIN_SUPPORT
                        || cb.support() - both.length < CandidateExtractor.MIN_SUPPORT
                        || test.rows() - both.length < CandidateExtractor.MIN_SUPPORT) {
                    continue;
                }
                Candidate all = new Candidate("all-of", "all of", ca.value() + " + " + cb.value(), both, null,
                        List.of(ca, cb));
                DependenceTest.Screen s = test.screen(all);
                double parts = Math.max(screens.get(ca).ratio(), screens.get(cb).ratio());
                if (s.ratio() > COMBINATION_GAIN * parts && seen.putIfAbsent(key(both), true) == null) {
                    screens.put(all, s);
                    out.add(all);
                }
            }
        }
        // Any of several: grow a union greedily from each strong candidate with disjoint, same-direction ones.
        List<Candidate> pool = anyPool;
        boolean[] used = new boolean[pool.size()];
        for (int a = 0; a < pool.size(); a++) {
            if (used[a]) {
                continue;
            }
            Candidate group = pool.get(a);
            List<Candidate> members = new ArrayList<>(List.of(group));
            DependenceTest.Screen groupScreen = screens.get(group);
            for (int b = a + 1; b < pool.size(); b++) {
                Candidate cb = pool.get(b);
                if (used[b] || containment(group.rows(), cb.rows()) >= DISJOINT
                        || Vectors.cosine(groupScreen.delta(), screens.get(cb).delta()) < SAME_DIRECTION) {
                    continue;
                }
                int[] rows = union(group.rows(), cb.rows());
                if (rows.length > MAX_UNION_SHARE * test.rows()) {
                    continue;
                }
                List<Candidate> next = new ArrayList<>(members);
                next.add(cb);
                Candidate any = new Candidate("any-of", "any of", joinValues(next), rows, null, next);
                DependenceTest.Screen s = test.screen(any);
                if (s.ratio() > groupScreen.ratio()) {
                    group = any;
                    groupScreen = s;
                    members = next;
                    used[b] = true;
                }
            }
            // The switched side of a split is the homogeneous one (one behaviour across many prompts); a union more
            // varied than the rest has assembled the untriggered rows (every other year when one year switches).
            if (members.size() > 1 && group.support() >= CandidateExtractor.MIN_SUPPORT
                    && test.cohesion(group.rows()) > test.cohesion(DependenceTest.complement(range(test.rows()),
                    group.rows())) && seen.putIfAbsent(key(group.rows()), true) == null) {
                screens.put(group, groupScreen);
                out.add(group);
            }
        }
        return out;
    }

    private static String joinValues(List<Candidate> members) {
        List<String> values = new ArrayList<>();
        for (Candidate m : members) {
            values.add(m.value());
        }
        return String.join(" | ", values);
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    static String key(int[] rows) {
        return Arrays.toString(rows);
    }
}
