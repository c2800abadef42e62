package dev.augury.detect;

import dev.augury.embed.TextEmbedder;
import dev.augury.profile.DatasetProfiler;
import dev.augury.rules.RulePacks;
import dev.augury.scan.DatasetView;
import dev.augury.text.Annotator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a detector may use besides the dataset: the rule packs, the encoder for rule-pack texts, the annotator,
 * a seed, and the profile's analysis (templates and their slots, near-duplicate groups). Detectors that build on
 * each other's results (the canary on the trigger detector's variables) exchange them through {@link #shared()},
 * keyed by the producing detector's id.
 */
public final class DetectionContext {
    private final RulePacks rules;
    private final TextEmbedder embedder;
    private final Annotator annotator;
    private final long seed;
    private final Map<String, Object> shared = new ConcurrentHashMap<>();
    private final Map<String, Long> timings = new ConcurrentHashMap<>();
    private volatile DatasetProfiler.Analysis analysis;
    private final CompletableFuture<DatasetProfiler.Analysis> pending;

    public DetectionContext(RulePacks rules, TextEmbedder embedder, Annotator annotator, long seed,
                            DatasetProfiler.Analysis analysis) {
        this(rules, embedder, annotator, seed, analysis, null);
    }

    /**
     * A context whose profile analysis is still being computed (the scanner profiles beside the detectors that do not
     * read it); {@link #analysis} waits for it.
     */
    public DetectionContext(RulePacks rules, TextEmbedder embedder, Annotator annotator, long seed,
                            CompletableFuture<DatasetProfiler.Analysis> analysis) {
        this(rules, embedder, annotator, seed, null, analysis);
    }

    /** A context whose profile analysis is computed on first use. */
    public DetectionContext(RulePacks rules, TextEmbedder embedder, Annotator annotator, long seed) {
        this(rules, embedder, annotator, seed, null, null);
    }

    private DetectionContext(RulePacks rules, TextEmbedder embedder, Annotator annotator, long seed,
                             DatasetProfiler.Analysis analysis, CompletableFuture<DatasetProfiler.Analysis> pending) {
        this.rules = rules;
        this.embedder = embedder;
        this.annotator = annotator;
        this.seed = seed;
        this.analysis = analysis;
        this.pending = pending;
    }

    public RulePacks rules() {
        return rules;
    }

    public TextEmbedder embedder() {
        return embedder;
    }

    public Annotator annotator() {
        return annotator;
    }

    public long seed() {
        return seed;
    }

    /** Results one detector leaves for a later one, keyed by the producing detector's id. */
    public Map<String, Object> shared() {
        return shared;
    }

    /**
     * Records time spent on a named part of a detector's work (the canary), which the scan adds to the report's
     * {@code timings}: times differ from run to run, so they never go into a finding.
     */
    public void recordTime(String part, long millis) {
        timings.merge(part, millis, Long::sum);
    }

    /** What {@link #recordTime} collected, by part. */
    public Map<String, Long> recordedTimes() {
        return Map.copyOf(timings);
    }

    /**
     * The profile's analysis of {@code view}: the scanner's (waited for while it is being computed), or computed now
     * when the context has none.
     */
    public DatasetProfiler.Analysis analysis(DatasetView view) {
        if (pending != null) {
            try {
                return pending.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : e;
            }
        }
        DatasetProfiler.Analysis a = analysis;
        if (a == null) {
            synchronized (this) {
                if (analysis == null) {
                    analysis = new DatasetProfiler(seed).analyze(view);
                }
                a = analysis;
            }
        }
        return a;
    }

    /** A random source for one purpose, so that adding a detector never changes another's draws. */
    public SplittableRandom random(String purpose) {
        return new SplittableRandom(seed ^ (purpose.hashCode() * 0x9E3779B97F4A7C15L));
    }
}
