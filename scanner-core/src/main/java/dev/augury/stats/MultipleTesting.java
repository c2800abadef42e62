package dev.augury.stats;

import java.util.Arrays;
import java.util.Comparator;

/** Corrections for testing many candidates (trigger features, groups, directions) at once. */
public final class MultipleTesting {
    private MultipleTesting() {
    }

    /**
     * Benjamini-Hochberg adjusted p-values (q-values), in the order of the input: q_(i) = min over j >= i of
     * p_(j) * m / j, capped at 1. A candidate with q <= alpha is a discovery at false discovery rate alpha.
     */
    public static double[] benjaminiHochberg(double[] p) {
        int m = p.length;
        for (double v : p) {
            if (Double.isNaN(v) || v < 0 || v > 1) {
                throw new IllegalArgumentException("p-values must lie in [0, 1], got " + v);
            }
        }
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] q = new double[m];
        double running = 1.0;
        for (int rank = m; rank >= 1; rank--) {
            int i = order[rank - 1];
            running = Math.min(running, p[i] * m / rank);
            q[i] = running;
        }
        return q;
    }
}
