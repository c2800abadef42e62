package dev.augury.maven;

import dev.augury.AuguryException;
import dev.augury.io.ReadOptions;
import dev.augury.report.Finding;
import dev.augury.report.Report;
import dev.augury.report.ReportJson;
import dev.augury.report.Severity;
import dev.augury.report.Verdict;
import dev.augury.scan.ScanConfig;
import dev.augury.scan.ScanListener;
import dev.augury.scan.Scanner;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Scans the configured datasets and fails the build on findings at or above {@code failOn}. Thin by design:
 * it maps its parameters onto the same {@link ScanConfig} the CLI uses.
 */
@Mojo(name = "scan", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class ScanMojo extends AbstractMojo {
    /** Dataset files or directories to scan as one dataset. */
    @Parameter(property = "augury.datasets", required = true)
    private List<File> datasets;

    /** Lowest severity that fails the build: info, low, medium, high, critical. */
    @Parameter(property = "augury.failOn", defaultValue = "high")
    private String failOn;

    /** Where the reports go. */
    @Parameter(property = "augury.outputDirectory", defaultValue = "${project.build.directory}/augury")
    private File outputDirectory;

    /** Extra rule-pack directories. */
    @Parameter
    private List<File> rules;

    /** An ONNX sentence encoder directory; default the bundled all-MiniLM-L6-v2. */
    @Parameter(property = "augury.model")
    private File model;

    /** The embedding cache directory. */
    @Parameter(property = "augury.cacheDirectory", defaultValue = "${user.home}/.cache/augury")
    private File cacheDirectory;

    /** Skips the scan. */
    @Parameter(property = "augury.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Augury scan skipped (augury.skip).");
            return;
        }
        Severity threshold;
        try {
            threshold = Severity.parse(failOn);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("failOn: " + e.getMessage());
        }
        List<Path> inputs = datasets.stream().map(File::toPath).toList();
        List<Path> ruleDirs = rules == null ? List.of() : rules.stream().map(File::toPath).toList();
        ScanConfig config = new ScanConfig(inputs, ReadOptions.defaults(), threshold,
                model == null ? null : model.toPath(), cacheDirectory == null ? null : cacheDirectory.toPath(),
                ruleDirs, ScanConfig.DEFAULT_SEED, 0);
        Report report;
        try (Scanner scanner = Scanner.builder(config).listener(new ScanListener() {
            @Override
            public void warn(String message) {
                getLog().warn(message);
            }
        }).build()) {
            report = scanner.scan();
        } catch (AuguryException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        Path json = outputDirectory.toPath().resolve("augury-report.json");
        try {
            ReportJson.write(report, json);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write " + json + ": " + e.getMessage(), e);
        }
        getLog().info("Augury: " + report.findings().size() + " finding(s), verdict " + report.verdict().id()
                + "; report " + json);
        if (report.verdict() == Verdict.FAIL) {
            List<String> lines = new ArrayList<>();
            for (Finding f : report.blocking()) {
                lines.add("  [" + f.severity().id() + "] " + f.category() + ": " + f.title());
            }
            throw new MojoFailureException("Augury found " + lines.size() + " finding(s) at or above '"
                    + threshold.id() + "':\n" + String.join("\n", lines) + "\nSee " + json);
        }
    }
}
