package dev.augury.stats;

import java.util.Arrays;

/**
 * Smooth features of an ordered variable (a year, an ordinal, a number): Gaussian bumps centred on the values
 * seen, plus a linear term. A ridge model over them interpolates between neighbouring values and extrapolates
 * gently past the ends, which is what lets a held-out value be predicted at all: one-hot features of a value
 * carry nothing about an unseen value (ARCHITECTURE.md, "What was measured on real datasets").
 */
public final class SmoothBasis {
    /** Bumps are this many median gaps wide, so each overlaps its neighbours and a gap is bridged. */
    public static final double WIDTH_IN_GAPS = 1.5;
    /** At most this many bump centres (spread over the range), so the basis stays small for long sequences. */
    public static final int MAX_CENTRES = 24;

    private final double[] centres;
    private final double width;
    private final double mid;
    private final double halfRange;

    private SmoothBasis(double[] centres, double width, double mid, double halfRange) {
        this.centres = centres;
        this.width = width;
        this.mid = mid;
        this.halfRange = halfRange;
    }

    /** A basis over the distinct values given (at least two distinct values). */
    public static SmoothBasis over(double[] values) {
        double[] distinct = Arrays.stream(values).filter(v -> !Double.isNaN(v)).distinct().sorted().toArray();
        if (distinct.length < 2) {
            throw new IllegalArgumentException("a smooth basis needs at least two distinct values");
        }
        double[] gaps = new double[distinct.length - 1];
        for (int i = 1; i < distinct.length; i++) {
            gaps[i - 1] = distinct[i] - distinct[i - 1];
        }
        Arrays.sort(gaps);
        double medianGap = gaps[gaps.length / 2];
        double lo = distinct[0];
        double hi = distinct[distinct.length - 1];
        double[] centres;
        double width;
        if (distinct.length <= MAX_CENTRES) {
            centres = distinct;
            width = WIDTH_IN_GAPS * medianGap;
        } else {
            centres = new double[MAX_CENTRES];
            for (int i = 0; i < MAX_CENTRES; i++) {
                centres[i] = lo + (hi - lo) * i / (MAX_CENTRES - 1);
            }
            width = WIDTH_IN_GAPS * (hi - lo) / (MAX_CENTRES - 1);
        }
        return new SmoothBasis(centres, width, (lo + hi) / 2, Math.max((hi - lo) / 2, 1e-9));
    }

    /** How many features {@link #features} returns. */
    public int size() {
        return centres.length + 1;
    }

    /** The bumps at v, then the linear term (-1 at the lowest value seen, +1 at the highest). */
    public double[] features(double v) {
        double[] f = new double[size()];
        for (int c = 0; c < centres.length; c++) {
            double z = (v - centres[c]) / width;
            f[c] = Math.exp(-0.5 * z * z);
        }
        f[centres.length] = (v - mid) / halfRange;
        return f;
    }
}
