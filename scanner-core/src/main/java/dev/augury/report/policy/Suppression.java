package dev.augury.report.policy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.augury.io.DatasetSource;
import dev.augury.report.Finding;
import dev.augury.report.FindingDatasets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/**
 * One entry of a suppression file: it matches a finding by {@code id}, or by {@code category} plus a
 * dataset {@code path} glob, and says why the finding is accepted and until when.
 *
 * @param number   the entry's position in its file, from 1 (for messages)
 * @param id       the finding id to match, or null
 * @param category the category to match (with {@code path}), or null
 * @param path     a java.nio glob over the finding's dataset paths (with {@code category}), or null
 * @param reason   why the finding is accepted; required
 * @param until    the last day the entry applies (inclusive), or null for no expiry
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"number", "id", "category", "path", "reason", "until"})
public record Suppression(int number, String id, String category, String path, String reason, LocalDate until) {

    /** Whether the entry no longer applies on {@code today}: an entry is valid through its {@code until} day. */
    public boolean isExpiredOn(LocalDate today) {
        return until != null && today.isAfter(until);
    }

    /** Whether the entry names this finding (regardless of expiry). */
    public boolean matches(Finding finding, Collection<DatasetSource> datasets) {
        if (id != null) {
            return id.equals(finding.id());
        }
        if (!category.equals(finding.category())) {
            return false;
        }
        PathMatcher matcher = matcher(path);
        return FindingDatasets.of(finding, datasets).stream().anyMatch(p -> pathMatches(matcher, path, p));
    }

    /** "entry 3 (id era-shift-3f2a91c0)": how messages name the entry. */
    @JsonIgnore
    public String label() {
        return "entry " + number + (id != null ? " (id " + id + ")" : " (category " + category + ", path " + path + ")");
    }

    static PathMatcher matcher(String glob) {
        return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    }

    /**
     * A glob matches the dataset path as written in the report; a relative glob also matches any trailing part
     * of it, so {@code data/*.jsonl} matches {@code /home/ci/project/data/train.jsonl} whether the scan was given
     * relative or absolute paths.
     */
    static boolean pathMatches(PathMatcher matcher, String glob, String datasetPath) {
        String normalized = datasetPath.replace('\\', '/');
        if (matcher.matches(Path.of(normalized))) {
            return true;
        }
        if (glob.startsWith("/")) {
            return false;
        }
        List<String> parts = List.of(normalized.split("/"));
        for (int i = 1; i < parts.size(); i++) {
            String tail = String.join("/", parts.subList(i, parts.size()));
            if (!tail.isEmpty() && matcher.matches(Path.of(tail))) {
                return true;
            }
        }
        return false;
    }
}
