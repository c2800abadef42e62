package dev.augury.report.policy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augury.AuguryException;
import dev.augury.report.Report;
import dev.augury.report.ReportJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads an earlier JSON report to use as a baseline. Only its findings' ids matter to {@link Policy}. */
public final class BaselineReport {
    /** Tolerant of fields added since (a newer minor version, the "policy" section the writers add). */
    private static final ObjectMapper READER = ReportJson.mapper().copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private BaselineReport() {
    }

    public static Report read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new AuguryException("baseline report " + file + " does not exist (give the augury-report.json of an "
                    + "earlier scan)");
        }
        try {
            Report report = READER.readValue(file.toFile(), Report.class);
            if (report == null || report.findings() == null || report.tool() == null) {
                throw new IllegalArgumentException("it has no 'tool' or no 'findings'");
            }
            return report;
        } catch (IOException | RuntimeException e) {
            throw new AuguryException("baseline " + file + " is not an Augury JSON report (augury-report.json): "
                    + e.getMessage(), e);
        }
    }
}
