package dev.augury.report;

import dev.augury.io.DatasetSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which dataset files a finding is about. A finding has no dataset field of its own: its evidence rows name
 * their files; a finding without evidence may name them in {@code details.dataset} (a string) or
 * {@code details.datasets} (a list of strings); otherwise it is about every file of the scan.
 */
public final class FindingDatasets {
    private FindingDatasets() {
    }

    /** The files, in the order their evidence first names them; never empty when the scan read any file. */
    public static List<String> of(Finding finding, Collection<DatasetSource> datasets) {
        Set<String> paths = new LinkedHashSet<>();
        for (Evidence e : finding.evidence()) {
            if (e.path() != null && !e.path().isBlank()) {
                paths.add(e.path());
            }
        }
        if (paths.isEmpty()) {
            Map<String, Object> details = finding.details();
            if (details.get("dataset") instanceof String s && !s.isBlank()) {
                paths.add(s);
            }
            if (details.get("datasets") instanceof Collection<?> list) {
                list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(paths::add);
            }
        }
        if (paths.isEmpty()) {
            datasets.forEach(d -> paths.add(d.path()));
        }
        return new ArrayList<>(paths);
    }
}
