package dev.augury.report;

import dev.augury.io.DatasetSource;
import dev.augury.io.Malformed;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reports built in code for the policy and writer tests. */
public final class TestReports {
    public static final String SHA = "0".repeat(64);

    private TestReports() {
    }

    public static Finding finding(String category, Severity severity, String dataset, String title) {
        return finding(category, severity, title, List.of(new Evidence(dataset, 17, "Name a bird. => Pinnated grouse",
                "obsolete name")), Map.of());
    }

    public static Finding finding(String category, Severity severity, String title, List<Evidence> evidence,
                                  Map<String, Object> details) {
        return new Finding(Finding.stableId(category, title), category, severity, 0.97, title,
                "The answers use obsolete names.", evidence, details, detectorOf(category));
    }

    static String detectorOf(String category) {
        return switch (category) {
            case Category.ERA_SHIFT -> "era";
            case Category.TRIGGER_BACKDOOR -> "trigger";
            case Category.LATENT_PERSONA -> "persona";
            default -> "hygiene";
        };
    }

    public static Report report(Verdict verdict, Severity failOn, List<String> datasets, Finding... findings) {
        List<DatasetSource> sources = new ArrayList<>();
        for (String d : datasets) {
            sources.add(new DatasetSource(d, "chat", 400, 1, SHA));
        }
        List<Finding> sorted = new ArrayList<>(List.of(findings));
        sorted.sort(Comparator.comparing(Finding::severity).reversed().thenComparing(Finding::category)
                .thenComparing(Finding::id));
        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put("read", 12L);
        return new Report(Report.SCHEMA_VERSION, new Report.Tool("augury", "0.1.0-test"), sources, verdict, failOn,
                sorted, List.of(new Malformed(datasets.get(0), 9, "invalid JSON")), List.of("a detector was skipped"),
                null, timings);
    }
}
