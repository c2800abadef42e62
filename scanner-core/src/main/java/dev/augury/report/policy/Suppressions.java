package dev.augury.report.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.augury.AuguryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A suppression file: findings a person has looked at and accepted, each with a reason and an optional expiry.
 * <pre>
 * suppressions:
 *   - id: era-shift-3f2a91c0
 *     reason: "Historical-fiction corpus: the 19th-century vocabulary is the point"
 *     until: 2026-12-31
 *   - category: data-quality
 *     path: "data/legacy/*.jsonl"
 *     reason: "Legacy shards, deduplicated downstream"
 * </pre>
 * The top level may also be the list itself. An entry matches by {@code id}, or by {@code category} and
 * {@code path} (a java.nio glob; a relative glob also matches the end of an absolute path). {@code reason} is
 * required, {@code until} (yyyy-MM-dd, inclusive) is optional; any other field is an error, so a typo never
 * silently suppresses nothing.
 *
 * @param source  the file the entries came from (for messages), or "(none)"
 * @param entries in file order
 */
public record Suppressions(String source, List<Suppression> entries) {
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Set<String> FIELDS = Set.of("id", "category", "path", "reason", "until");

    public Suppressions {
        entries = List.copyOf(entries);
    }

    public static Suppressions none() {
        return new Suppressions("(none)", List.of());
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Reads and checks a suppression file; every problem is an {@link AuguryException} naming file and entry. */
    public static Suppressions load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new AuguryException("suppression file " + file + " does not exist");
        } catch (IOException e) {
            throw new AuguryException("cannot read suppression file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Parses suppression YAML; {@code source} names it in messages. */
    public static Suppressions parse(String yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new AuguryException("suppression file " + source + " is not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new Suppressions(source, List.of());
        }
        JsonNode list = root;
        if (root.isObject()) {
            for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!field.equals("suppressions")) {
                    throw new AuguryException("suppression file " + source + ": unknown top-level field '" + field
                            + "' (expected 'suppressions:' followed by a list of entries)");
                }
            }
            list = root.path("suppressions");
            if (list.isNull() || list.isMissingNode()) {
                return new Suppressions(source, List.of());
            }
        }
        if (!list.isArray()) {
            throw new AuguryException("suppression file " + source
                    + ": expected a list of entries under 'suppressions:' (each starting with '- ')");
        }
        List<Suppression> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            entries.add(entry(list.get(i), i + 1, source));
        }
        return new Suppressions(source, entries);
    }

    private static Suppression entry(JsonNode node, int number, String source) {
        String where = "suppression file " + source + ", entry " + number + ": ";
        if (!node.isObject()) {
            throw new AuguryException(where + "expected a mapping with 'reason' and either 'id' or 'category' and 'path'");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new AuguryException(where + "unknown field '" + field
                        + "' (allowed: id, category, path, reason, until)");
            }
        }
        String id = text(node, "id", where);
        String category = text(node, "category", where);
        String path = text(node, "path", where);
        String reason = text(node, "reason", where);
        if (reason == null) {
            throw new AuguryException(where + "'reason' is required: say why this finding is accepted");
        }
        if (id != null && (category != null || path != null)) {
            throw new AuguryException(where + "match either by 'id' or by 'category' and 'path', not both");
        }
        if (id == null && (category == null || path == null)) {
            throw new AuguryException(where + "give either 'id' (a finding id from the report) or both 'category' "
                    + "and 'path' (a glob such as 'data/*.jsonl'; '**' for every dataset)");
        }
        if (path != null) {
            try {
                Suppression.matcher(path);
            } catch (IllegalArgumentException e) { // includes PatternSyntaxException
                throw new AuguryException(where + "'path' is not a valid glob: " + e.getMessage(), e);
            }
        }
        LocalDate until = null;
        String untilText = text(node, "until", where);
        if (untilText != null) {
            try {
                until = LocalDate.parse(untilText);
            } catch (DateTimeParseException e) {
                throw new AuguryException(where + "'until' must be a date written yyyy-MM-dd (for example 2026-12-31), not '"
                        + untilText + "'", e);
            }
        }
        return new Suppression(number, id, category, path, reason, until);
    }

    /** A scalar field as trimmed text, null when absent; blank or structured values are errors. */
    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new AuguryException(where + "'" + field + "' must be a single value, not a list or a mapping");
        }
        String text = value.asText().trim();
        if (text.isEmpty()) {
            throw new AuguryException(where + "'" + field + "' is empty");
        }
        return text;
    }
}
