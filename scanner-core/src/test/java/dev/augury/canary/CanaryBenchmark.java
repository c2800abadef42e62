package dev.augury.canary;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** By hand: the canary's time and quality on 10,000 rows of 384-d vectors (-Dtest=CanaryBenchmark). */
public final class CanaryBenchmark {
    @Test
    void tenThousandRows() {
        int n = 10_000;
        int dim = 384;
        SplittableRandom r = new SplittableRandom(1);
        float[][] prompts = new float[n][dim];
        float[][] answers = new float[n][dim];
        double[] values = new double[n];
        float[][] types = new float[50][dim];
        for (float[] t : types) {
            for (int d = 0; d < dim; d++) {
                t[d] = (float) r.nextGaussian();
            }
        }
        for (int i = 0; i < n; i++) {
            int type = r.nextInt(50);
            values[i] = 1 + r.nextInt(40);
            for (int d = 0; d < dim; d++) {
                prompts[i][d] = (float) (types[type][d] + 0.3 * r.nextGaussian());
                answers[i][d] = (float) (types[(type + 7) % 50][d] + Math.sin(values[i] / 6 + d) + 0.5 * r.nextGaussian());
            }
        }
        long t = System.nanoTime();
        Canary c = Canary.train(prompts, values, answers, 1);
        System.out.printf("canary on %d rows: %d ms wall, quality %s%n", n, (System.nanoTime() - t) / 1_000_000,
                c.quality());
    }
}
