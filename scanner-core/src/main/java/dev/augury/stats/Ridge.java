package dev.augury.stats;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Closed-form ridge regression from a feature matrix (n x p, p small: features of a trigger variable) to
 * multi-output targets (n x q: embedding rows). The intercept is not penalized (features and targets are
 * centred). Fitting goes through sufficient statistics (sums of x, y, x x^T, x y^T), so leave-one-group-out
 * costs one pass over the rows plus one p x p solve per group, never a refit over all rows per group.
 */
public final class Ridge {
    private Ridge() {
    }

    /**
     * @param weights   p x q
     * @param intercept q
     * @param lambda    the penalty it was fitted with
     */
    public record Model(double[][] weights, double[] intercept, double lambda) {
        public double[] predict(double[] x) {
            int p = weights.length;
            if (x.length != p) {
                throw new IllegalArgumentException("expected " + p + " features, got " + x.length);
            }
            double[] out = intercept.clone();
            for (int f = 0; f < p; f++) {
                if (x[f] != 0) {
                    Vectors.addInPlace(out, weights[f], x[f]);
                }
            }
            return out;
        }
    }

    /** Fits on all rows. */
    public static Model fit(double[][] x, float[][] y, double lambda) {
        Sums all = new Sums(x[0].length, y[0].length);
        for (int i = 0; i < x.length; i++) {
            all.add(x[i], y[i], 1);
        }
        return all.solve(lambda);
    }

    /**
     * For every row, the prediction of a model fitted without the rows of its group (e.g. without every row of
     * the held-out trigger value). A group that holds every row is predicted by the targets' overall mean.
     */
    public static double[][] leaveOneGroupOut(double[][] x, float[][] y, int[] groups, double lambda) {
        int n = x.length;
        if (y.length != n || groups.length != n) {
            throw new IllegalArgumentException("x, y and groups must have one entry per row");
        }
        int p = x[0].length;
        int q = y[0].length;
        Sums all = new Sums(p, q);
        Map<Integer, Sums> byGroup = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            all.add(x[i], y[i], 1);
            byGroup.computeIfAbsent(groups[i], g -> new Sums(p, q)).add(x[i], y[i], 1);
        }
        Map<Integer, Model> models = new LinkedHashMap<>();
        for (Map.Entry<Integer, Sums> e : byGroup.entrySet()) {
            Sums rest = all.minus(e.getValue());
            models.put(e.getKey(), rest.count > 0 ? rest.solve(lambda) : all.meanOnly(lambda));
        }
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = models.get(groups[i]).predict(x[i]);
        }
        return out;
    }

    /**
     * The sufficient statistics of all rows, kept so that a model fitted without any subset of rows costs that
     * subset's size (times p * (p + q)) plus one solve, not a pass over every row: the trigger detector fits the
     * prompt-to-answer map without each candidate's rows, so the candidate cannot teach the map its own effect.
     */
    public static final class Accumulator {
        private final double[][] x;
        private final float[][] y;
        private final Sums all;

        private Accumulator(double[][] x, float[][] y) {
            if (x.length == 0 || y.length != x.length) {
                throw new IllegalArgumentException("x and y must have the same, non-zero number of rows");
            }
            this.x = x;
            this.y = y;
            this.all = new Sums(x[0].length, y[0].length);
            for (int i = 0; i < x.length; i++) {
                all.add(x[i], y[i], 1);
            }
        }

        public static Accumulator of(double[][] x, float[][] y) {
            return new Accumulator(x, y);
        }

        /** Fitted on every row. */
        public Model fit(double lambda) {
            return all.solve(lambda);
        }

        /** Fitted on every row except {@code excluded} (distinct row indices); the mean only when none is left. */
        public Model fitWithout(int[] excluded, double lambda) {
            Sums out = new Sums(all.p, all.q);
            for (int i : excluded) {
                out.add(x[i], y[i], 1);
            }
            Sums rest = all.minus(out);
            return rest.count > 0 ? rest.solve(lambda) : all.meanOnly(lambda);
        }
    }

    /** Running sums of one set of rows. */
    private static final class Sums {
        final int p;
        final int q;
        double count;
        final double[] sx;
        final double[] sy;
        final double[][] sxx;
        final double[][] sxy;

        Sums(int p, int q) {
            this.p = p;
            this.q = q;
            sx = new double[p];
            sy = new double[q];
            sxx = new double[p][p];
            sxy = new double[p][q];
        }

        void add(double[] x, float[] y, double sign) {
            if (x.length != p || y.length != q) {
                throw new IllegalArgumentException("rows must all have the same dimensions");
            }
            count += sign;
            // y widened once (exactly: every float is a double), so the p row updates below are plain double loops
            double[] wide = new double[q];
            for (int t = 0; t < q; t++) {
                wide[t] = y[t];
            }
            Vectors.addInPlace(sy, wide, sign);
            for (int a = 0; a < p; a++) {
                sx[a] += sign * x[a];
                if (x[a] == 0) {
                    continue;
                }
                double w = sign * x[a];
                double[] row = sxx[a];
                for (int b = 0; b < p; b++) {
                    row[b] += w * x[b];
                }
                Vectors.addInPlace(sxy[a], wide, w);
            }
        }

        Sums minus(Sums other) {
            Sums r = new Sums(p, q);
            r.count = count - other.count;
            for (int a = 0; a < p; a++) {
                r.sx[a] = sx[a] - other.sx[a];
                for (int b = 0; b < p; b++) {
                    r.sxx[a][b] = sxx[a][b] - other.sxx[a][b];
                }
                for (int t = 0; t < q; t++) {
                    r.sxy[a][t] = sxy[a][t] - other.sxy[a][t];
                }
            }
            for (int t = 0; t < q; t++) {
                r.sy[t] = sy[t] - other.sy[t];
            }
            return r;
        }

        Model meanOnly(double lambda) {
            double[] mean = sy.clone();
            Vectors.scaleInPlace(mean, 1 / count);
            return new Model(new double[p][q], mean, lambda);
        }

        Model solve(double lambda) {
            if (lambda <= 0) {
                throw new IllegalArgumentException("lambda must be positive (it keeps the system solvable)");
            }
            double[] mx = sx.clone();
            Vectors.scaleInPlace(mx, 1 / count);
            double[] my = sy.clone();
            Vectors.scaleInPlace(my, 1 / count);
            double[][] a = new double[p][p];
            double[][] c = new double[p][q];
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    a[i][j] = sxx[i][j] - count * mx[i] * mx[j];
                }
                a[i][i] += lambda;
                for (int t = 0; t < q; t++) {
                    c[i][t] = sxy[i][t] - count * mx[i] * my[t];
                }
            }
            DecompositionSolver solver = new LUDecomposition(new Array2DRowRealMatrix(a, false)).getSolver();
            RealMatrix w = solver.solve(new Array2DRowRealMatrix(c, false));
            double[][] weights = w.getData();
            double[] intercept = my.clone();
            for (int f = 0; f < p; f++) {
                Vectors.addInPlace(intercept, weights[f], -mx[f]);
            }
            return new Model(weights, intercept, lambda);
        }
    }
}
