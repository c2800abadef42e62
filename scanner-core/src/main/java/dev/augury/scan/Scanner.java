package dev.augury.scan;

import dev.augury.AuguryException;
import dev.augury.detect.DetectionContext;
import dev.augury.detect.Detector;
import dev.augury.detect.Detectors;
import dev.augury.embed.EmbeddingCache;
import dev.augury.embed.Embedder;
import dev.augury.embed.Encoder;
import dev.augury.embed.OnnxEncoder;
import dev.augury.io.DatasetReader;
import dev.augury.io.DatasetSource;
import dev.augury.io.Malformed;
import dev.augury.io.Record;
import dev.augury.io.RecordSink;
import dev.augury.profile.DatasetProfiler;
import dev.augury.profile.Profile;
import dev.augury.report.Finding;
import dev.augury.report.Report;
import dev.augury.report.Severity;
import dev.augury.report.Verdict;
import dev.augury.report.policy.Policy;
import dev.augury.rules.RulePacks;
import dev.augury.text.AnnotationCache;
import dev.augury.text.Annotator;
import dev.augury.text.CoreNlpAnnotator;
import dev.augury.text.TextFeatures;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Wires the stages of a scan: read, embed, then annotate beside profile and detect, report. Front ends build a
 * {@link ScanConfig}, call {@link #scan()}, and print or write the {@link Report}. Heavy parts (encoder,
 * annotator) can be injected, so tests and long-lived hosts (the Maven plugin) reuse them.
 */
public final class Scanner implements AutoCloseable {
    /** Fewer answered rows than this cannot support any dataset-level test: the verdict is inconclusive. */
    public static final int MIN_TESTABLE_RECORDS = 10;

    private final ScanConfig config;
    private final ScanListener listener;
    private final List<Detector> detectors;
    private final RulePacks rules;
    private Encoder encoder;
    private Annotator annotator;
    private final boolean ownsEncoder;
    private final boolean ownsAnnotator;

    private Scanner(Builder b) {
        this.config = b.config;
        this.listener = b.listener == null ? ScanListener.NONE : b.listener;
        this.rules = b.rules != null ? b.rules : RulePacks.load(config.ruleDirs());
        this.detectors = b.detectors != null ? List.copyOf(b.detectors) : Detectors.defaults();
        this.encoder = b.encoder;
        this.annotator = b.annotator;
        this.ownsEncoder = b.encoder == null;
        this.ownsAnnotator = b.annotator == null;
    }

    public static Builder builder(ScanConfig config) {
        return new Builder(config);
    }

    public ScanConfig config() {
        return config;
    }

    /** Runs the scan. Throws {@link AuguryException} for input the user must fix. */
    public Report scan() {
        Timings timings = new Timings();
        List<String> warnings = new ArrayList<>();

        List<Record> records = new ArrayList<>();
        List<Malformed> malformed = new ArrayList<>();
        listener.stage("read", -1);
        List<DatasetSource> sources = timings.time("read", () -> new dev.augury.io.DatasetReader(config.read())
                .read(config.inputs(), new RecordSink() {
                    @Override
                    public void record(Record record) {
                        records.add(record);
                        if ((records.size() & 1023) == 0) {
                            listener.progress(records.size());
                        }
                    }

                    @Override
                    public void malformed(Malformed m) {
                        malformed.add(m);
                    }
                }));
        for (Malformed m : malformed.subList(0, Math.min(malformed.size(), 5))) {
            listener.warn("malformed row " + m);
        }
        if (malformed.size() > 5) {
            listener.warn((malformed.size() - 5) + " more malformed rows (listed in the JSON report)");
        }

        int n = records.size();
        DatasetView view = buildView(sources, records, timings);

        // The profile is the first task of the detectors' workers: the detectors that read it wait for it, the others
        // (and the parts of a detector that come before it needs the profile) run beside it. Submitted first to a
        // first-in-first-out pool, it is running before any detector can wait for it, even on one worker.
        listener.stage("annotate, profile and detect", -1);
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.max(1, Math.min(config.threads(), detectors.size())), r -> {
                    Thread t = new Thread(r, "augury-detect");
                    t.setDaemon(true);
                    return t;
                });
        List<Finding> findings = new ArrayList<>();
        boolean testable = n >= MIN_TESTABLE_RECORDS;
        DatasetProfiler.Analysis analysis;
        try {
            CompletableFuture<DatasetProfiler.Analysis> profiling = CompletableFuture.supplyAsync(
                    () -> timings.time("profile", () -> new DatasetProfiler(config.seed()).analyze(view)), pool);
            if (testable) {
                DetectionContext context = new DetectionContext(rules, embedder(), annotator(), config.seed(),
                        profiling);
                timings.time("detect", () -> findings.addAll(detectAll(view, context, timings, warnings, pool)));
                context.recordedTimes().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(e -> timings.add("detect." + e.getKey(), e.getValue()));
            }
            analysis = profiling.join();
            view.features(); // an annotation failure stops the scan even when no detector read the features
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        } finally {
            pool.shutdownNow();
            // On the way out of a failed scan too: the annotation cache is closed with the scanner, not under a writer.
            view.awaitFeatures();
        }
        Profile profile = analysis.profile();
        findings.addAll(0, DatasetProfiler.qualityFindings(profile, malformed.size(), malformed));
        findings.sort(Comparator.comparing(Finding::severity, Comparator.reverseOrder())
                .thenComparing(Finding::category).thenComparing(Finding::id));
        if (!testable) {
            warnings.add("only " + n + " record(s): too few for a dataset-level test (at least "
                    + MIN_TESTABLE_RECORDS + " are needed)");
        }
        if (cache != null) {
            warnings.addAll(cache.warnings());
        }
        if (annotationCache != null) {
            warnings.addAll(annotationCache.warnings());
        }
        Verdict verdict = Policy.verdict(findings, config.failOn(), testable);
        List<Malformed> listed = List.copyOf(malformed.subList(0, Math.min(malformed.size(), Report.MAX_MALFORMED_LISTED)));
        return new Report(Report.SCHEMA_VERSION, Report.Tool.current(), sources, verdict, config.failOn(), findings,
                listed, warnings, profile, timings.finish());
    }

    /**
     * Runs the detectors on the workers of {@code pool}, each as soon as the detectors it reads from
     * ({@link Detector#after()}) are done; findings come back in detector order, so the report does not depend on
     * which finished first. A detector that fails is skipped with a warning; an {@link AuguryException} (input the
     * user must fix) stops the scan.
     */
    private List<Finding> detectAll(DatasetView view, DetectionContext context, Timings timings,
                                    List<String> warnings, ExecutorService pool) {
        Map<String, CompletableFuture<List<Finding>>> byId = new LinkedHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        for (Detector d : detectors) {
            CompletableFuture<?>[] before = d.after().stream().map(byId::get)
                    .filter(Objects::nonNull).toArray(CompletableFuture[]::new);
            byId.put(d.id(), CompletableFuture.allOf(before).handle((ok, err) -> null)
                    .thenApplyAsync(ignored -> runDetector(d, view, context, timings, failures), pool));
        }
        List<Finding> out = new ArrayList<>();
        for (CompletableFuture<List<Finding>> f : byId.values()) {
            try {
                out.addAll(f.join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof AuguryException ae) {
                    throw ae;
                }
                throw e;
            }
        }
        // in detector order, whatever order they failed in
        for (Detector d : detectors) {
            for (String msg : failures) {
                if (msg.startsWith("detector '" + d.id() + "'")) {
                    warnings.add(msg);
                    listener.warn(msg);
                }
            }
        }
        return out;
    }

    private List<Finding> runDetector(Detector d, DatasetView view, DetectionContext context, Timings timings,
                                      List<String> failures) {
        try {
            return timings.time("detect." + d.id(), () -> d.detect(view, context));
        } catch (AuguryException e) {
            throw e;
        } catch (RuntimeException e) {
            failures.add("detector '" + d.id() + "' failed and was skipped: " + e);
            return List.of();
        }
    }

    private DatasetView buildView(List<DatasetSource> sources, List<Record> records, Timings timings) {
        int n = records.size();
        Set<String> distinct = new LinkedHashSet<>();
        for (Record r : records) {
            distinct.add(r.prompt());
            if (r.response() != null) {
                distinct.add(r.response());
            }
        }
        annotator();
        Embedder embedder = embedder();
        List<String> all = new ArrayList<>(n * 2);
        for (Record r : records) {
            all.add(r.prompt());
        }
        for (Record r : records) {
            if (r.response() != null) {
                all.add(r.response());
            }
        }
        listener.stage("embed", distinct.size());
        float[][] vectors = timings.time("embed", () -> embedder.embed(all));
        // CoreNLP runs after the encoder, not beside it: the encoder keeps every core busy, so sharing them gained
        // nothing (20,000 records: 59-63 s for both together, 43-48 s and then 13-18 s one after the other). Run
        // after it, on a thread of its own, CoreNLP no longer holds up the detectors: the view hands out the features
        // when they are ready, and a detector that reads them waits, so the profile, the detectors that need no
        // features and the parts of the others before their first read run meanwhile (on a warm rescan, reading the
        // annotation cache no longer delays the detectors).
        ExecutorService side = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "augury-annotate");
            t.setDaemon(true);
            return t;
        });
        CompletableFuture<Map<String, TextFeatures>> annotated = CompletableFuture.supplyAsync(
                () -> timings.time("annotate", () -> annotate(distinct)), side);
        side.shutdown();
        float[][] pv = new float[n][];
        float[][] rv = new float[n][];
        int k = n;
        for (int i = 0; i < n; i++) {
            pv[i] = vectors[i];
            if (records.get(i).response() != null) {
                rv[i] = vectors[k++];
            }
        }
        CompletableFuture<DatasetView.Features> features = annotated.thenApply(map -> {
            TextFeatures[] pf = new TextFeatures[n];
            TextFeatures[] rf = new TextFeatures[n];
            for (int i = 0; i < n; i++) {
                Record r = records.get(i);
                pf[i] = map.getOrDefault(r.prompt(), TextFeatures.EMPTY);
                rf[i] = r.response() == null ? TextFeatures.EMPTY : map.getOrDefault(r.response(), TextFeatures.EMPTY);
            }
            return new DatasetView.Features(pf, rf);
        });
        return new DatasetView(sources, records, pv, rv, features, embedder.dimension());
    }

    private AnnotationCache annotationCache;

    /** Features of the texts, from the annotation cache where it has them (no cache without a cache dir). */
    private Map<String, TextFeatures> annotate(Collection<String> texts) {
        Annotator a = annotator();
        String id = a.cacheId();
        if (config.cacheDir() == null || id == null) {
            return a.annotate(texts);
        }
        if (annotationCache == null) {
            annotationCache = AnnotationCache.open(config.cacheDir(), id);
        }
        return annotationCache.annotate(a, texts);
    }

    /** Texts found in and missing from the annotation cache in the last scan, or null without a cache. */
    public long[] annotationCacheHits() {
        return annotationCache == null ? null : new long[] {annotationCache.hits(), annotationCache.misses()};
    }

    private Embedder embedderInstance;
    private EmbeddingCache cache;

    private Embedder embedder() {
        if (embedderInstance == null) {
            Encoder enc = encoder();
            cache = config.cacheDir() == null ? null
                    : EmbeddingCache.open(config.cacheDir(), enc.modelId(), enc.dimension());
            embedderInstance = new Embedder(enc, cache);
            embedderInstance.onProgress(listener::progress);
        }
        return embedderInstance;
    }

    /** Statistics of the encoder's work in the last scan (for the benchmark). */
    public Embedder.Stats embedStats() {
        return embedderInstance == null ? null : embedderInstance.stats();
    }

    /** The annotator of the last scan, or null before the first (for the benchmark). */
    public Annotator annotatorInstance() {
        return annotator;
    }

    private Encoder encoder() {
        if (encoder == null) {
            encoder = config.modelDir() == null ? OnnxEncoder.bundled(config.threads())
                    : OnnxEncoder.fromDirectory(config.modelDir(), config.threads());
        }
        return encoder;
    }

    private Annotator annotator() {
        if (annotator == null) {
            annotator = new CoreNlpAnnotator(config.threads());
        }
        return annotator;
    }

    @Override
    public void close() {
        // Not Embedder.close(): it would also close an encoder the caller injected and still owns.
        if (cache != null) {
            cache.close();
        }
        if (annotationCache != null) {
            annotationCache.close();
        }
        if (ownsEncoder && encoder != null) {
            encoder.close();
        }
        if (ownsAnnotator && annotator != null) {
            annotator.close();
        }
    }

    /** Optional parts; anything not given is built from the configuration. */
    public static final class Builder {
        private final ScanConfig config;
        private ScanListener listener;
        private List<Detector> detectors;
        private RulePacks rules;
        private Encoder encoder;
        private Annotator annotator;

        private Builder(ScanConfig config) {
            this.config = config;
        }

        public Builder listener(ScanListener l) {
            this.listener = l;
            return this;
        }

        public Builder detectors(List<Detector> d) {
            this.detectors = d;
            return this;
        }

        public Builder rules(RulePacks r) {
            this.rules = r;
            return this;
        }

        public Builder encoder(Encoder e) {
            this.encoder = e;
            return this;
        }

        public Builder annotator(Annotator a) {
            this.annotator = a;
            return this;
        }

        public Scanner build() {
            return new Scanner(this);
        }
    }
}
