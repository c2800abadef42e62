package dev.augury.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Throughput of {@link CoreNlpAnnotator} on real chat texts (not a unit test: it needs a data folder).
 * Usage: {@code java -Xmx3g -cp ... dev.augury.text.AnnotatorBench DATA_DIR [N] [THREADS]}; reads every *.json
 * (arrays of objects) and *.jsonl under DATA_DIR, takes the string fields, shuffles them with a fixed seed.
 */
public final class AnnotatorBench {
    private static final List<String> FIELDS = List.of("instruction", "input", "output", "question", "answer");

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        ObjectMapper json = new ObjectMapper();
        Set<String> all = new LinkedHashSet<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".jsonl")).sorted().toList();
        }
        for (Path f : files) {
            List<JsonNode> rows = new ArrayList<>();
            if (f.toString().endsWith(".jsonl")) {
                for (String line : Files.readAllLines(f)) {
                    if (!line.isBlank()) {
                        rows.add(json.readTree(line));
                    }
                }
            } else {
                json.readTree(f.toFile()).forEach(rows::add);
            }
            for (JsonNode row : rows) {
                for (String field : FIELDS) {
                    JsonNode v = row.get(field);
                    if (v != null && v.isTextual() && !v.asText().isBlank()) {
                        all.add(v.asText());
                    }
                }
            }
        }
        List<String> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(42));
        try (CoreNlpAnnotator warm = new CoreNlpAnnotator(1)) {
            long t0 = System.nanoTime();
            warm.annotate(List.of("Warm up in Paris on July 4, 1776."));
            System.out.printf("pipeline load + first text: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
        // first pass: JIT still compiling (what a short scan pays); second pass on other texts: steady state
        measure("cold", shuffled.subList(0, Math.min(n, shuffled.size())), threads);
        if (shuffled.size() >= 2 * n) {
            measure("warm", shuffled.subList(n, 2 * n), threads);
        }
    }

    private static void measure(String label, List<String> texts, int threads) {
        long chars = texts.stream().mapToLong(String::length).sum();
        try (CoreNlpAnnotator annotator = new CoreNlpAnnotator(threads)) {
            var os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            var out = annotator.annotate(texts);
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpuSecs = (os.getProcessCpuTime() - cpu0) / 1e9;
            var st = annotator.stats();
            long timexes = out.values().stream().mapToLong(f -> f.temporals().size()).sum();
            long entities = out.values().stream().mapToLong(f -> f.entities().size()).sum();
            // CPU time is the fair figure on a shared machine: wall time depends on the other processes
            System.out.printf("%s: %d texts (mean %d chars), %d threads: wall %.1f s (%.0f texts/s); process CPU "
                    + "%.1f s = %.2f ms per text (%.0f texts per CPU-second)%n", label, texts.size(),
                    chars / texts.size(), threads, secs, texts.size() / secs, cpuSecs,
                    1000 * cpuSecs / texts.size(), texts.size() / cpuSecs);
            System.out.printf("  to CoreNLP %d texts (%d to SUTime; %d sentences, %d cut), numbers only %d, "
                    + "empty %d; found %d temporal expressions, %d entities%n", st.sentToCoreNlp(),
                    st.sentToSuTime(), st.sentencesToCoreNlp(), st.truncated(), st.numbersOnly(), st.empty(),
                    timexes, entities);
        }
    }
}
