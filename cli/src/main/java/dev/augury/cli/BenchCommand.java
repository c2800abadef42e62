package dev.augury.cli;

import dev.augury.embed.Embedder;
import dev.augury.embed.OnnxEncoder;
import dev.augury.fixtures.BenchmarkCorpus;
import dev.augury.io.DatasetReader;
import dev.augury.io.Malformed;
import dev.augury.io.ReadOptions;
import dev.augury.text.CoreNlpAnnotator;
import dev.augury.io.Record;
import dev.augury.io.RecordSink;
import dev.augury.report.Report;
import dev.augury.report.ReportJson;
import dev.augury.scan.ScanConfig;
import dev.augury.scan.Scanner;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code augury bench}: generates chat records with the fixture generator, scans them cold and warm, and
 * times the encoder alone on the same unique texts, so a change's cost is measured rather than guessed.
 */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Measure the scanner's speed and memory on generated chat records.",
        description = {
            "",
            "Prints records/s per stage, encoder texts/s, the cold scan against the encoder alone, the cache-warm"
                    + " rescan, and peak heap.",
            "",
            "With --read-mb, measures only the streaming reader on a generated JSONL of that size (run it with"
                    + " AUGURY_JAVA_OPTS=-Xmx256m to check that reading never holds a file in memory)."},
        footer = {"", "Example: augury bench --records 20000"})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--records", paramLabel = "N", defaultValue = "20000",
            description = "Chat records to generate and scan. Default: ${DEFAULT-VALUE}.")
    int records;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "7", description = "Generator seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "Worker threads (default: cores).")
    int threads;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where the generated data and the cache go (default: a temporary directory, deleted after).")
    Path workDir;

    @Option(names = "--warm-jvm",
            description = "Then also scan a second generated corpus (the next seed) with an empty cache in the JVM the"
                    + " first scans warmed, and time the encoder alone on its texts: the cold scan's excess over"
                    + " that ratio is the JVM's warm-up (JIT compilation, class loading, CoreNLP's models), the rest"
                    + " is the scan's own work. Takes about as long again as the cold scan.")
    boolean warmJvm;

    @Option(names = "--read-mb", paramLabel = "MB",
            description = "Only benchmark the reader on a generated JSONL of about this many megabytes.")
    Integer readMegabytes;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (records < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--records must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean temporary = workDir == null;
        Path dir = temporary ? Files.createTempDirectory("augury-bench") : Files.createDirectories(workDir);
        try {
            if (readMegabytes != null) {
                benchReader(dir, out);
            } else {
                benchScan(dir, out);
            }
        } finally {
            if (temporary) {
                deleteTree(dir);
            }
        }
        out.flush();
        return 0;
    }

    private void benchScan(Path dir, PrintWriter out) {
        Path data = dir.resolve("bench-" + records + ".jsonl");
        BenchmarkCorpus.writeChatJsonl(data, records, seed);
        ScanConfig config = scanConfig(data, dir.resolve("cache"));

        resetPeaks();
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        Report cold;
        Embedder.Stats coldEmbed;
        CoreNlpAnnotator.Stats coldAnnotate = null;
        try (Scanner scanner = Scanner.builder(config).build()) {
            cold = scanner.scan();
            coldEmbed = scanner.embedStats();
            if (scanner.annotatorInstance() instanceof CoreNlpAnnotator a) {
                coldAnnotate = a.stats();
            }
        }
        double coldSeconds = seconds(System.nanoTime() - t0);
        double coldCpu = seconds(processCpuNanos() - cpu0);
        long coldPeak = peakHeap();

        List<String> unique = uniqueTexts(data);
        double[] encoderAlone = encoderAlone(unique, config.threads());
        double encoderSeconds = encoderAlone[0];
        double encoderCpu = encoderAlone[1];

        resetPeaks();
        long w0 = System.nanoTime();
        Report warm;
        try (Scanner scanner = Scanner.builder(config).build()) {
            warm = scanner.scan();
        }
        double warmSeconds = seconds(System.nanoTime() - w0);
        long warmPeak = peakHeap();

        out.printf(Locale.ROOT, "Augury benchmark: %,d generated chat records (seed %d), %d thread(s), Java %s%n",
                records, seed, config.threads(), System.getProperty("java.version"));
        out.printf(Locale.ROOT, "  unique texts (prompts + answers): %,d%n", unique.size());
        out.printf(Locale.ROOT, "%nCold scan (empty cache), per stage:%n");
        printStages(out, cold.timings());
        out.printf(Locale.ROOT, "  %-22s %8.1f s  (including model loading); CPU %.1f s%n", "wall clock", coldSeconds,
                coldCpu);
        if (coldEmbed != null) {
            out.printf(Locale.ROOT, "  encoder in the scan: %,d texts encoded, %,.0f texts/s; %,d rule-pack texts from the"
                    + " vectors shipped for the bundled model%n", coldEmbed.encoded(), coldEmbed.encodedPerSecond(),
                    coldEmbed.shippedHits());
        }
        if (coldAnnotate != null) {
            out.printf(Locale.ROOT, "  annotator in the scan: %,d distinct texts, %,d to CoreNLP (%,d to SUTime, %,d "
                    + "sentences), %,d numbers only, %,d nothing to annotate; CoreNLP %.1f s (thread time: SUTime %.1f s, names %.1f s)%n",
                    coldAnnotate.distinctTexts(), coldAnnotate.sentToCoreNlp(), coldAnnotate.sentToSuTime(),
                    coldAnnotate.sentencesToCoreNlp(), coldAnnotate.numbersOnly(), coldAnnotate.empty(),
                    coldAnnotate.coreNlpMillis() / 1000.0, coldAnnotate.suTimeMillis() / 1000.0,
                    coldAnnotate.namesMillis() / 1000.0);
        }
        out.printf(Locale.ROOT, "%nEncoder alone on the same %,d unique texts: %.1f s (%,.0f texts/s); CPU %.1f s%n",
                unique.size(), encoderSeconds, unique.size() / Math.max(encoderSeconds, 1e-9), encoderCpu);
        double coldScan = cold.timings().getOrDefault("total", 0L) / 1000.0;
        out.printf(Locale.ROOT, "Cold scan / encoder alone: %.2fx (scan total %.1f s)%n", coldScan / encoderSeconds,
                coldScan);
        out.printf(Locale.ROOT, "%nWarm rescan (cache filled): %.1f s wall, scan total %.1f s; %.1fx faster than cold%n",
                warmSeconds, warm.timings().getOrDefault("total", 0L) / 1000.0,
                coldScan / Math.max(warm.timings().getOrDefault("total", 1L) / 1000.0, 1e-9));
        out.printf(Locale.ROOT, "Warm rescan, per stage:%n");
        printStages(out, warm.timings());
        out.printf(Locale.ROOT, "Peak heap: cold %,d MB, warm %,d MB (max heap %,d MB)%n", coldPeak >> 20, warmPeak >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        benchCanary(out);
        // Compared as JSON: details may hold arrays, whose equals() is identity.
        String coldJson = ReportJson.toString(withoutTimings(cold));
        String warmJson = ReportJson.toString(withoutTimings(warm));
        boolean identical = coldJson.equals(warmJson);
        out.printf(Locale.ROOT, "Findings: cold %d, warm %d; reports identical apart from timings: %s%n",
                cold.findings().size(), warm.findings().size(), identical);
        if (!identical && workDir != null) {
            try {
                Files.writeString(dir.resolve("cold-report.json"), coldJson);
                Files.writeString(dir.resolve("warm-report.json"), warmJson);
                out.printf(Locale.ROOT, "  both reports written to %s for comparison%n", dir);
            } catch (IOException e) {
                out.printf(Locale.ROOT, "  could not write the reports for comparison: %s%n", e.getMessage());
            }
        }
        if (warmJvm) {
            benchWarmJvm(dir, coldScan / encoderSeconds, out);
        }
    }

    /**
     * A second corpus of the same size (the next seed) scanned with an empty cache in the JVM the scans above
     * warmed, against the encoder alone on its unique texts: what the scan itself costs beyond the encoder once the
     * JIT has compiled the code and CoreNLP's models are loaded. The cold ratio's excess over it is the JVM's
     * warm-up, which every fresh process pays.
     */
    private void benchWarmJvm(Path dir, double coldRatio, PrintWriter out) {
        long otherSeed = seed + 1;
        Path data = dir.resolve("bench-" + records + "-seed-" + otherSeed + ".jsonl");
        BenchmarkCorpus.writeChatJsonl(data, records, otherSeed);
        ScanConfig config = scanConfig(data, dir.resolve("cache-warm-jvm"));
        long c0 = processCpuNanos();
        Report report;
        try (Scanner scanner = Scanner.builder(config).build()) {
            report = scanner.scan();
        }
        double scanCpu = seconds(processCpuNanos() - c0);
        List<String> unique = uniqueTexts(data);
        double[] alone = encoderAlone(unique, config.threads());
        double scan = report.timings().getOrDefault("total", 0L) / 1000.0;
        double embed = report.timings().getOrDefault("embed", 0L) / 1000.0;
        double ratio = scan / alone[0];
        out.printf(Locale.ROOT, "%nEmpty cache in the warmed JVM (seed %d, %,d unique texts): scan %.1f s (embed %.1f s; "
                + "CPU %.1f s), encoder alone %.1f s (CPU %.1f s): %.2fx%n", otherSeed, unique.size(), scan, embed,
                scanCpu, alone[0], alone[1], ratio);
        out.printf(Locale.ROOT, "  the JVM's warm-up adds %.2fx to a cold scan in a fresh JVM (%.2fx against %.2fx)%n",
                coldRatio - ratio, coldRatio, ratio);
    }

    private ScanConfig scanConfig(Path data, Path cache) {
        ScanConfig config = ScanConfig.of(List.of(data)).withCacheDir(cache);
        return new ScanConfig(config.inputs(), config.read(), config.failOn(), null, cache, List.of(), config.seed(),
                threads);
    }

    /** Wall and CPU seconds of the bundled encoder alone (no cache) on {@code texts}, model loading left out. */
    private static double[] encoderAlone(List<String> texts, int threads) {
        try (OnnxEncoder encoder = OnnxEncoder.bundled(threads)) {
            Embedder alone = new Embedder(encoder, null);
            long e0 = System.nanoTime();
            long c0 = processCpuNanos();
            alone.embed(texts);
            return new double[] {seconds(System.nanoTime() - e0), seconds(processCpuNanos() - c0)};
        }
    }

    /** Rows the canary benchmark trains on: the bound the canary's design promises to meet in 60 s. */
    static final int CANARY_ROWS = 10_000;

    /**
     * The canary's own time and quality on {@link #CANARY_ROWS} rows of 384-d vectors with a planted rule (answers
     * vary smoothly with a variable of 40 values across 50 prompt types). Its cost depends on rows and dimension,
     * not on what the vectors say, so synthetic vectors measure it without encoding 20,000 more texts.
     */
    private void benchCanary(PrintWriter out) {
        int dim = 384;
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        float[][] prompts = new float[CANARY_ROWS][dim];
        float[][] answers = new float[CANARY_ROWS][dim];
        double[] values = new double[CANARY_ROWS];
        float[][] types = new float[50][dim];
        for (float[] t : types) {
            for (int d = 0; d < dim; d++) {
                t[d] = (float) r.nextGaussian();
            }
        }
        for (int i = 0; i < CANARY_ROWS; i++) {
            int type = r.nextInt(types.length);
            values[i] = 1 + r.nextInt(40);
            for (int d = 0; d < dim; d++) {
                prompts[i][d] = (float) (types[type][d] + 0.3 * r.nextGaussian());
                answers[i][d] = (float) (types[(type + 7) % types.length][d] + Math.sin(values[i] / 6 + d)
                        + 0.5 * r.nextGaussian());
            }
        }
        long t0 = System.nanoTime();
        dev.augury.canary.CanaryQuality q = dev.augury.canary.Canary.train(prompts, values, answers, seed).quality();
        out.printf(Locale.ROOT, "%nCanary: %,d rows of %d-d vectors with a planted rule, %.1f s wall (bound 60 s); "
                + "trained on %,d rows, held-out fit %.2f, retrieval %.2f (chance %.3f)%s%n", CANARY_ROWS, dim,
                seconds(System.nanoTime() - t0), q.trainRows(), q.heldOutFit(), q.retrievalAccuracy(),
                q.chanceAccuracy(), q.weak() ? ", WEAK" : "");
    }

    private static Report withoutTimings(Report r) {
        return new Report(r.schemaVersion(), r.tool(), r.datasets(), r.verdict(), r.failOn(), r.findings(),
                r.malformedRows(), r.warnings(), r.profile(), Map.of());
    }

    private void printStages(PrintWriter out, Map<String, Long> timings) {
        for (Map.Entry<String, Long> e : timings.entrySet()) {
            double s = e.getValue() / 1000.0;
            out.printf(Locale.ROOT, "  %-22s %8.1f s  %,12.0f records/s%n", e.getKey(), s, records / Math.max(s, 1e-3));
        }
    }

    private void benchReader(Path dir, PrintWriter out) throws IOException {
        Path data = dir.resolve("read-bench.jsonl");
        long target = (long) readMegabytes << 20;
        // Write in chunks of generated rows until the file reaches the size asked for.
        long rows = 0;
        long chunk = 200_000;
        try (var w = Files.newBufferedWriter(data)) {
            while (Files.size(data) < target) {
                Path part = dir.resolve("part.jsonl");
                BenchmarkCorpus.writeChatJsonl(part, chunk, seed + rows);
                try (Stream<String> lines = Files.lines(part)) {
                    for (String line : (Iterable<String>) lines::iterator) {
                        w.write(line);
                        w.write('\n');
                    }
                }
                Files.delete(part);
                rows += chunk;
                w.flush();
            }
        }
        long bytes = Files.size(data);
        resetPeaks();
        long[] count = new long[2];
        long t0 = System.nanoTime();
        new DatasetReader(ReadOptions.defaults()).read(List.of(data), new RecordSink() {
            @Override
            public void record(Record record) {
                count[0]++;
            }

            @Override
            public void malformed(Malformed malformed) {
                count[1]++;
            }
        });
        double s = seconds(System.nanoTime() - t0);
        out.printf(Locale.ROOT, "Reader: %,d MB, %,d records (%d malformed) in %.1f s: %,.0f records/s, %.1f MB/s%n",
                bytes >> 20, count[0], count[1], s, count[0] / s, (bytes >> 20) / s);
        out.printf(Locale.ROOT, "Peak heap %,d MB of max %,d MB%n", peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    private static List<String> uniqueTexts(Path data) {
        Set<String> texts = new LinkedHashSet<>();
        new DatasetReader(ReadOptions.defaults()).read(List.of(data), new RecordSink() {
            @Override
            public void record(Record r) {
                texts.add(r.prompt());
                if (r.response() != null) {
                    texts.add(r.response());
                }
            }

            @Override
            public void malformed(Malformed m) {
            }
        });
        return new ArrayList<>(texts);
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** CPU time of the whole process (every thread, the JIT and the collector included), or 0 where not known. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? Math.max(0, os.getProcessCpuTime()) : 0;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
