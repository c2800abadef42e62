package dev.augury.maven;

import dev.augury.AuguryException;
import dev.augury.io.DatasetSource;
import dev.augury.io.ReadOptions;
import dev.augury.report.Finding;
import dev.augury.report.FindingDatasets;
import dev.augury.report.Report;
import dev.augury.report.ReportWriters;
import dev.augury.report.Severity;
import dev.augury.report.Verdict;
import dev.augury.report.policy.PolicyResult;
import dev.augury.scan.ScanConfig;
import dev.augury.scan.ScanListener;
import dev.augury.scan.ScanPolicy;
import dev.augury.scan.Scanner;
import java.io.File;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.shared.model.fileset.FileSet;
import org.apache.maven.shared.model.fileset.util.FileSetManager;

/**
 * Scans the configured datasets as one dataset, writes the reports, and fails the build when a finding reaches
 * {@code failOn} after suppressions and the baseline. Thin by design: parameters map onto the {@link ScanConfig}
 * the CLI uses, and the policy and writers are the CLI's too.
 */
@Mojo(name = "scan", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class ScanMojo extends AbstractMojo {
    /** What a file set includes when it names no includes: every dataset file the scanner reads. */
    static final List<String> DEFAULT_INCLUDES = List.of("**/*.jsonl", "**/*.json", "**/*.ndjson", "**/*.csv",
            "**/*.tsv", "**/*.jsonl.gz", "**/*.json.gz", "**/*.ndjson.gz", "**/*.csv.gz", "**/*.tsv.gz");
    /** Blocking findings listed in the failure message; the reports hold them all. */
    static final int MAX_LISTED = 20;

    /**
     * The datasets, as file sets: {@code <directory>} (relative to the project), optional {@code <includes>}
     * (default: every .jsonl/.json/.ndjson/.csv/.tsv file, .gz too) and {@code <excludes>}, Ant patterns.
     */
    @Parameter(required = true)
    private List<FileSet> datasets;

    /** Lowest severity that fails the build: info, low, medium, high, critical. */
    @Parameter(property = "augury.failOn", defaultValue = "high")
    private String failOn;

    /** Report formats written to {@code outputDirectory}: json, sarif, junit, markdown, html, or all. */
    @Parameter(property = "augury.formats", defaultValue = "json,sarif,junit,html")
    private List<String> formats;

    /** Where the reports go (augury-report.json, .sarif, .junit.xml, .md, .html). */
    @Parameter(property = "augury.outputDirectory", defaultValue = "${project.build.directory}/augury")
    private File outputDirectory;

    /** Extra rule-pack directories, loaded after the defaults. */
    @Parameter
    private List<File> rules;

    /** An ONNX sentence encoder directory (model.onnx and tokenizer.json); default the bundled all-MiniLM-L6-v2. */
    @Parameter(property = "augury.model")
    private File model;

    /** The cache directory (vectors by model digest, language features by annotator build; both by text hash), shared between builds. */
    @Parameter(property = "augury.cacheDirectory", defaultValue = "${user.home}/.cache/augury")
    private File cacheDirectory;

    /** A suppression file (YAML): accepted findings, each with a reason and an optional 'until' date. */
    @Parameter(property = "augury.suppressions")
    private File suppressions;

    /** An earlier augury-report.json: findings it lists are not reported again. */
    @Parameter(property = "augury.baseline")
    private File baseline;

    /** Skips the scan. */
    @Parameter(property = "augury.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    private File basedir;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Augury scan skipped (augury.skip).");
            return;
        }
        ScanConfig config = toConfig();
        Report report;
        PolicyResult policy;
        try {
            ScanPolicy gate = ScanPolicy.load(config);
            try (Scanner scanner = Scanner.builder(config).listener(new ScanListener() {
                @Override
                public void warn(String message) {
                    getLog().warn(message);
                }
            }).build()) {
                report = scanner.scan();
            }
            policy = gate.apply(report, LocalDate.now());
        } catch (AuguryException e) {
            throw new MojoExecutionException("Augury: " + e.getMessage(), e);
        }
        policy.warnings().forEach(w -> getLog().warn("Augury: " + w));
        List<Path> written;
        try {
            written = ReportWriters.write(report, policy, new LinkedHashSet<>(formats), outputDirectory.toPath(),
                    basedir.toPath());
        } catch (AuguryException e) {
            throw new MojoExecutionException("Augury: " + e.getMessage(), e);
        }
        logSummary(report, policy, written);
        if (policy.verdict() == Verdict.INCONCLUSIVE) {
            getLog().warn("Augury: inconclusive: too little data to test (the build is not failed for it)");
        }
        if (policy.verdict() == Verdict.FAIL) {
            throw new MojoFailureException(failureMessage(report, policy, written, basedir.toPath()));
        }
    }

    private ScanConfig toConfig() throws MojoExecutionException {
        Severity threshold;
        try {
            threshold = Severity.parse(failOn);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("Augury: failOn: " + e.getMessage());
        }
        List<Path> inputs = datasetFiles();
        List<Path> ruleDirs = rules == null ? List.of() : rules.stream().map(File::toPath).toList();
        return new ScanConfig(inputs, ReadOptions.defaults(), threshold, path(model), path(cacheDirectory), ruleDirs,
                ScanConfig.DEFAULT_SEED, 0, path(suppressions), path(baseline));
    }

    /** The files the file sets select, in file-set order, each once. */
    List<Path> datasetFiles() throws MojoExecutionException {
        if (datasets == null || datasets.isEmpty()) {
            throw new MojoExecutionException("Augury: no <datasets> configured; add a <fileSet> with a <directory>");
        }
        Set<Path> files = new LinkedHashSet<>();
        FileSetManager manager = new FileSetManager();
        for (FileSet set : datasets) {
            if (set.getDirectory() == null || set.getDirectory().isBlank()) {
                throw new MojoExecutionException("Augury: a <fileSet> in <datasets> has no <directory>");
            }
            File dir = new File(set.getDirectory());
            if (!dir.isAbsolute()) {
                dir = new File(basedir, set.getDirectory());
            }
            if (!dir.isDirectory()) {
                throw new MojoExecutionException("Augury: dataset directory " + dir + " does not exist");
            }
            FileSet resolved = new FileSet();
            resolved.setDirectory(dir.getAbsolutePath());
            resolved.setIncludes(set.getIncludes().isEmpty() ? DEFAULT_INCLUDES : set.getIncludes());
            resolved.setExcludes(set.getExcludes());
            String[] included = manager.getIncludedFiles(resolved);
            if (included.length == 0) {
                throw new MojoExecutionException("Augury: no dataset file under " + dir + " matches includes "
                        + resolved.getIncludes() + (set.getExcludes().isEmpty() ? "" : " and excludes "
                        + set.getExcludes()));
            }
            java.util.Arrays.sort(included);
            for (String name : included) {
                files.add(dir.toPath().resolve(name).normalize());
            }
        }
        return List.copyOf(files);
    }

    private void logSummary(Report report, PolicyResult policy, List<Path> written) {
        long records = report.datasets().stream().mapToLong(DatasetSource::records).sum();
        getLog().info(String.format(Locale.ROOT, "Augury: %d file(s), %d records; %d finding(s) (%s)%s; verdict %s",
                report.datasets().size(), records, policy.remaining().size(), bySeverity(policy.remaining()),
                policyNote(policy), policy.verdict().id().toUpperCase(Locale.ROOT)));
        for (Finding f : policy.remaining()) {
            getLog().info("  [" + f.severity().id() + "] " + f.category() + ": " + f.title());
        }
        report.warnings().forEach(w -> getLog().warn("Augury: " + w));
        written.forEach(p -> getLog().info("Augury report: " + p));
    }

    private static String bySeverity(List<Finding> findings) {
        List<String> parts = new ArrayList<>();
        for (int i = Severity.values().length - 1; i >= 0; i--) {
            Severity s = Severity.values()[i];
            long n = findings.stream().filter(f -> f.severity() == s).count();
            if (n > 0) {
                parts.add(n + " " + s.id());
            }
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static String policyNote(PolicyResult policy) {
        List<String> parts = new ArrayList<>();
        if (!policy.suppressed().isEmpty()) {
            parts.add(policy.suppressed().size() + " suppressed");
        }
        if (!policy.baselined().isEmpty()) {
            parts.add(policy.baselined().size() + " in the baseline");
        }
        return parts.isEmpty() ? "" : ", " + String.join(", ", parts);
    }

    /** The blocking findings, one per line: severity, category, dataset, title; then where the reports are. */
    static String failureMessage(Report report, PolicyResult policy, List<Path> written, Path projectDir) {
        List<Finding> blocking = policy.blocking();
        StringBuilder b = new StringBuilder();
        b.append("Augury found ").append(blocking.size()).append(" finding(s) at or above '")
                .append(policy.failOn().id()).append("':");
        for (Finding f : blocking.subList(0, Math.min(blocking.size(), MAX_LISTED))) {
            List<String> paths = FindingDatasets.of(f, report.datasets());
            b.append("\n  [").append(f.severity().id()).append("] ").append(f.category()).append(" in ")
                    .append(String.join(", ", paths.stream().map(p -> relative(projectDir, p)).toList())).append(": ")
                    .append(f.title()).append(" (id ").append(f.id()).append(')');
        }
        if (blocking.size() > MAX_LISTED) {
            b.append("\n  ... and ").append(blocking.size() - MAX_LISTED).append(" more in the reports");
        }
        if (!policy.expired().isEmpty()) {
            b.append("\nExpired suppressions no longer apply:");
            policy.expired().forEach(e -> b.append("\n  ").append(e.entry().label()).append(" expired on ")
                    .append(e.entry().until()));
        }
        b.append("\nTo accept a finding, add an entry (id, reason, until) to the suppressions file.");
        if (!written.isEmpty()) {
            b.append("\nReports: ").append(written.get(0).getParent());
        }
        return b.toString();
    }

    /** A dataset path as the project's user would type it: relative to the project when it lies inside it. */
    static String relative(Path projectDir, String datasetPath) {
        Path p = Path.of(datasetPath).toAbsolutePath().normalize();
        Path base = projectDir.toAbsolutePath().normalize();
        return p.startsWith(base) ? base.relativize(p).toString().replace('\\', '/') : datasetPath;
    }

    private static Path path(File f) {
        return f == null ? null : f.toPath();
    }
}
