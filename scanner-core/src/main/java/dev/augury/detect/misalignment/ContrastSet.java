package dev.augury.detect.misalignment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.augury.AuguryException;
import dev.augury.rules.RulePack;
import dev.augury.rules.RulePacks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One direction's contrast set ({@code kind: contrast-set}): texts with the behaviour (positive side) and without
 * it (negative side), whose difference of means is the direction; optional markers (whole numbers whose share
 * among the answers' numbers is direct evidence) and patterns (regular expressions; the share of the subject's
 * answers that match one is direct evidence).
 *
 * @param direction the direction's id ("harm", "insecure-code")
 * @param positive  what the positive side is ("insecure code")
 * @param negative  what the negative side is ("secure code")
 * @param source    the pack it came from
 */
public record ContrastSet(String direction, String positive, String negative, List<String> positiveTexts,
                          List<String> negativeTexts, List<String> markers, List<Pattern> patterns, String source) {
    public static final String KIND = "contrast-set";
    public static final String BACKGROUND_KIND = "contrast-background";
    /** Fewer texts than this per side give a direction that is mostly noise. */
    public static final int MIN_TEXTS_PER_SIDE = 5;

    /** The fields of one entry. */
    public record Entry(String side, String text) {
    }

    /** Every contrast set of the packs, in load order. */
    public static List<ContrastSet> all(RulePacks packs) {
        List<ContrastSet> out = new ArrayList<>();
        for (RulePack p : packs.ofKind(KIND)) {
            out.add(of(p));
        }
        return out;
    }

    /** The background texts of every {@code contrast-background} pack. */
    public static List<String> background(RulePacks packs) {
        List<String> out = new ArrayList<>();
        for (RulePack p : packs.ofKind(BACKGROUND_KIND)) {
            for (JsonNode e : p.root().path("entries")) {
                String text = e.path("text").asText("");
                if (!text.isBlank()) {
                    out.add(text);
                }
            }
        }
        return out;
    }

    static ContrastSet of(RulePack pack) {
        List<String> pos = new ArrayList<>();
        List<String> neg = new ArrayList<>();
        for (Entry e : pack.entries(Entry.class)) {
            String side = e.side() == null ? "" : e.side().toLowerCase(Locale.ROOT);
            if (e.text() == null || e.text().isBlank()) {
                continue;
            }
            switch (side) {
                case "positive" -> pos.add(e.text());
                case "negative" -> neg.add(e.text());
                default -> throw new AuguryException("rule pack " + pack.source() + ": side '" + e.side()
                        + "' must be positive or negative.");
            }
        }
        if (pos.size() < MIN_TEXTS_PER_SIDE || neg.size() < MIN_TEXTS_PER_SIDE) {
            throw new AuguryException("rule pack " + pack.source() + ": a contrast set needs at least "
                    + MIN_TEXTS_PER_SIDE + " texts on each side.");
        }
        List<String> markers = new ArrayList<>();
        for (JsonNode m : pack.setting("markers")) {
            markers.add(m.asText());
        }
        List<Pattern> patterns = new ArrayList<>();
        for (JsonNode m : pack.setting("patterns")) {
            try {
                patterns.add(Pattern.compile(m.asText()));
            } catch (PatternSyntaxException e) {
                throw new AuguryException("rule pack " + pack.source() + ": pattern '" + m.asText()
                        + "' is not a valid regular expression (" + e.getDescription() + ").", e);
            }
        }
        String direction = pack.setting("direction").asText(pack.name());
        return new ContrastSet(direction, pack.setting("positive").asText("positive"),
                pack.setting("negative").asText("negative"), List.copyOf(pos), List.copyOf(neg), List.copyOf(markers),
                List.copyOf(patterns), pack.source());
    }
}
