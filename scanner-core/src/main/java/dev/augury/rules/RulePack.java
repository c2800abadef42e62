package dev.augury.rules;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.augury.AuguryException;
import java.util.ArrayList;
import java.util.List;

/**
 * One rule-pack file: a header (kind, name, description, provenance, licence) and its entries, kept as a tree
 * until a detector binds them to its own record type with {@link #entries(Class)}.
 *
 * @param kind        which detector reads it ("era-lexicon", "persona-kb", "contrast-set", ...)
 * @param name        unique within its kind
 * @param description what the file covers
 * @param provenance  where its knowledge comes from
 * @param license     the licence of its content
 * @param source      where it was loaded from (classpath resource or file), for error messages
 * @param root        the whole parsed document
 */
public record RulePack(String kind, String name, String description, String provenance, String license,
                       String source, JsonNode root) {
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** The entries bound to {@code type}; an entry that does not fit stops the scan with its position. */
    public <T> List<T> entries(Class<T> type) {
        JsonNode entries = root.path("entries");
        List<T> out = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            try {
                out.add(STRICT.treeToValue(entries.get(i), type));
            } catch (Exception e) {
                throw new AuguryException("rule pack " + source + ": entry " + (i + 1) + " is invalid for kind '"
                        + kind + "': " + firstLine(e.getMessage()) + ". Fix or remove that entry.", e);
            }
        }
        return out;
    }

    /** A header field other than the standard ones (a pack-level setting), or a missing node. */
    public JsonNode setting(String field) {
        return root.path(field);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
