package dev.augury.scan;

import dev.augury.io.ReadOptions;
import dev.augury.report.Severity;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a scan needs to know, shared by the CLI and the Maven plugin (they only translate their options
 * into this). Immutable.
 *
 * @param inputs    files or directories; a directory contributes every dataset file under it
 * @param read      how to read them
 * @param failOn    the lowest severity that fails the scan
 * @param modelDir  an ONNX encoder directory (model.onnx + tokenizer.json), or null for the bundled MiniLM
 * @param cacheDir  the embedding cache directory, or null for no cache
 * @param ruleDirs  extra rule-pack directories, loaded after the defaults
 * @param seed      the seed of every random choice (permutations, sampling, the canary)
 * @param threads   worker threads for the encoder and the annotator
 * @param suppressions a suppression file (YAML, see {@code Suppressions}), or null for none
 * @param baseline     an earlier JSON report whose findings are not reported again, or null for none
 */
public record ScanConfig(List<Path> inputs, ReadOptions read, Severity failOn, Path modelDir, Path cacheDir,
                         List<Path> ruleDirs, long seed, int threads, Path suppressions, Path baseline) {
    public static final long DEFAULT_SEED = 20251;

    public ScanConfig {
        inputs = List.copyOf(inputs);
        ruleDirs = List.copyOf(ruleDirs);
        read = read == null ? ReadOptions.defaults() : read;
        failOn = failOn == null ? Severity.HIGH : failOn;
        threads = threads <= 0 ? Math.max(1, Runtime.getRuntime().availableProcessors()) : threads;
    }

    /** Without a suppression file or a baseline (the policy is then a no-op). */
    public ScanConfig(List<Path> inputs, ReadOptions read, Severity failOn, Path modelDir, Path cacheDir,
                      List<Path> ruleDirs, long seed, int threads) {
        this(inputs, read, failOn, modelDir, cacheDir, ruleDirs, seed, threads, null, null);
    }

    public static ScanConfig of(List<Path> inputs) {
        return new ScanConfig(inputs, ReadOptions.defaults(), Severity.HIGH, null, null, List.of(), DEFAULT_SEED, 0);
    }

    public ScanConfig withCacheDir(Path dir) {
        return new ScanConfig(inputs, read, failOn, modelDir, dir, ruleDirs, seed, threads, suppressions, baseline);
    }

    public ScanConfig withFailOn(Severity threshold) {
        return new ScanConfig(inputs, read, threshold, modelDir, cacheDir, ruleDirs, seed, threads, suppressions,
                baseline);
    }

    /** The same scan with a suppression file and a baseline report (either may be null). */
    public ScanConfig withPolicy(Path suppressionFile, Path baselineReport) {
        return new ScanConfig(inputs, read, failOn, modelDir, cacheDir, ruleDirs, seed, threads, suppressionFile,
                baselineReport);
    }

    /** The same options over other inputs (eval scans many datasets with one configuration). */
    public ScanConfig withInputs(List<Path> otherInputs) {
        return new ScanConfig(otherInputs, read, failOn, modelDir, cacheDir, ruleDirs, seed, threads, suppressions,
                baseline);
    }

    /** The default cache folder: $XDG_CACHE_HOME/augury, else ~/.cache/augury. */
    public static Path defaultCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("augury");
    }
}
