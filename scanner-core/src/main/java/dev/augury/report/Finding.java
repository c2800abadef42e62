package dev.augury.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tested claim about the whole dataset. Immutable; serialized as it is.
 *
 * @param id         stable across runs of the same input and options: category plus a digest of what the
 *                   finding is about (see {@link #stableId})
 * @param category   one of {@link Category}, or a category added by a rule pack
 * @param severity   how much it matters
 * @param confidence 0..1, how sure the detector is that the claim holds (1 - p-value, or a calibrated score)
 * @param title      one line
 * @param summary    a few sentences for a person: what the dataset teaches and why Augury thinks so
 * @param evidence   the rows that carry it, strongest first
 * @param details    category-specific, machine-readable (era, persona, trigger, statistics)
 * @param detector   the detector that made it
 */
@JsonPropertyOrder({"id", "category", "severity", "confidence", "title", "summary", "detector", "evidence", "details"})
public record Finding(String id, String category, Severity severity, double confidence, String title, String summary,
                      List<Evidence> evidence, Map<String, Object> details, String detector) {
    public Finding {
        evidence = List.copyOf(evidence);
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** "era-shift-3f2a91c0": the category and the first 8 hex digits of SHA-256 over the key parts. */
    public static String stableId(String category, String... keyParts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String part : keyParts) {
                md.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return category + "-" + HexFormat.of().formatHex(md.digest()).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
