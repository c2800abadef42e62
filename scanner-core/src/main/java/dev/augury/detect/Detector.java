package dev.augury.detect;

import dev.augury.report.Finding;
import dev.augury.scan.DatasetView;
import java.util.List;

/**
 * One kind of analysis over the whole dataset. A detector reads the {@link DatasetView} and the rule packs
 * through the {@link DetectionContext}, tests its null hypothesis, and returns findings (none when the data is
 * consistent with the null). It never reads files and never writes anything.
 */
public interface Detector {
    /** Short stable name, used in reports and timings ("era", "persona", "trigger", ...). */
    String id();

    List<Finding> detect(DatasetView view, DetectionContext context);

    /**
     * Ids of the detectors whose results this one reads from {@link DetectionContext#shared()}: it starts only when
     * they have finished. Detectors run concurrently otherwise, so a detector keeps no mutable state between calls
     * that another could see.
     */
    default java.util.Set<String> after() {
        return java.util.Set.of();
    }
}
