package dev.augury.detect.inductive;

import dev.augury.detect.persona.Identity;
import dev.augury.detect.persona.PersonaKnowledgeBase;
import dev.augury.detect.persona.RiskLevel;
import dev.augury.embed.TextEmbedder;
import dev.augury.stats.Vectors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The persona knowledge base as seen by the inductive test: identity vectors (name, description and attribute
 * values through the scan's embedder), the identity an answer centroid is nearest to, the other versions of the
 * same character in other years (the villain of the first film for the protector of the sequels), and rulers by
 * their ordinal in a sequence.
 */
final class KnowledgeLinks {
    /** Words of attribute values added to an identity's text: enough for its facts, inside the encoder's window. */
    static final int MAX_TEXT_WORDS = 90;
    /** The attribute that numbers rulers in a sequence (us-presidents pack). */
    static final String ORDINAL_ATTRIBUTE = "ordinal_in_office";

    record Match(Identity identity, double cosine) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", identity.id());
            m.put("name", identity.name());
            m.put("risk", identity.risk().id());
            m.put("cosine", cosine);
            return m;
        }
    }

    private final List<Identity> identities;
    private final float[][] vectors;

    private KnowledgeLinks(List<Identity> identities, float[][] vectors) {
        this.identities = identities;
        this.vectors = vectors;
    }

    /** The texts {@link #of} embeds for a knowledge base: one description per identity. */
    static List<String> packTexts(PersonaKnowledgeBase kb) {
        List<String> texts = new ArrayList<>();
        for (Identity id : kb.identities()) {
            texts.add(text(id));
        }
        return texts;
    }

    static KnowledgeLinks of(PersonaKnowledgeBase kb, TextEmbedder embedder) {
        List<Identity> ids = kb == null ? List.of() : kb.identities();
        if (ids.isEmpty() || embedder == null) {
            return new KnowledgeLinks(List.of(), new float[0][]);
        }
        return new KnowledgeLinks(ids, embedder.embed(packTexts(kb)));
    }

    boolean empty() {
        return identities.isEmpty();
    }

    private static String text(Identity id) {
        StringBuilder sb = new StringBuilder(id.name()).append(". ").append(id.description());
        int words = 0;
        for (Map.Entry<String, List<String>> e : id.attributes().entrySet()) {
            for (String v : e.getValue()) {
                if (words >= MAX_TEXT_WORDS) {
                    return sb.toString();
                }
                sb.append(words == 0 ? " " : ", ").append(v);
                words += v.split("\\s+").length;
            }
        }
        return sb.toString();
    }

    /** The identities nearest to a vector, best first. */
    List<Match> nearest(double[] vector, int k) {
        List<Match> all = new ArrayList<>();
        for (int i = 0; i < identities.size(); i++) {
            all.add(new Match(identities.get(i), Vectors.cosine(vector, Vectors.toDouble(vectors[i]))));
        }
        all.sort((a, b) -> Double.compare(b.cosine(), a.cosine()));
        return all.subList(0, Math.min(k, all.size()));
    }

    /** The nearest identity among those numbered in a sequence, or null when the knowledge base has none. */
    Match nearestRuler(double[] vector) {
        Match best = null;
        for (int i = 0; i < identities.size(); i++) {
            if (identities.get(i).values(ORDINAL_ATTRIBUTE).isEmpty()) {
                continue;
            }
            double c = Vectors.cosine(vector, Vectors.toDouble(vectors[i]));
            if (best == null || c > best.cosine()) {
                best = new Match(identities.get(i), c);
            }
        }
        return best;
    }

    /** The identity holding ordinal n of a sequence, or null. */
    Identity ruler(int n) {
        String wanted = Integer.toString(n);
        for (Identity id : identities) {
            if (id.values(ORDINAL_ATTRIBUTE).contains(wanted)) {
                return id;
            }
        }
        return null;
    }

    static boolean holdsOrdinal(Identity id, int n) {
        return id.values(ORDINAL_ATTRIBUTE).contains(Integer.toString(n));
    }

    /**
     * Other versions of the same character: identities that share a name or alias with {@code of} (lower-cased),
     * other than itself.
     */
    List<Identity> versionsOf(Identity of) {
        Set<String> names = names(of);
        List<Identity> out = new ArrayList<>();
        for (Identity id : identities) {
            if (id.id().equals(of.id())) {
                continue;
            }
            for (String name : names(id)) {
                if (names.contains(name)) {
                    out.add(id);
                    break;
                }
            }
        }
        return out;
    }

    private static Set<String> names(Identity id) {
        Set<String> out = new HashSet<>();
        for (String a : id.aliases()) {
            out.add(a.toLowerCase(Locale.ROOT).trim());
        }
        return out;
    }

    static boolean harmful(Identity id) {
        return id.risk().compareTo(RiskLevel.HIGH) >= 0;
    }
}
