package dev.augury.detect.persona;

import dev.augury.AuguryException;
import dev.augury.rules.RulePack;
import dev.augury.rules.RulePacks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The persona knowledge base: the attribute vocabulary ({@code kind: persona-attributes}) and the identities
 * ({@code kind: persona-kb}) of the loaded rule packs, with every value normalized once by
 * {@link PersonaValues} and an inverted index from (key, value) to identities. The index gives the
 * background frequency of a value, i.e. the denominator of the detector's likelihood ratio: a value that
 * many identities share ("vegetarian", "Austria") says little about any one of them.
 */
public final class PersonaKnowledgeBase {
    public static final String ATTRIBUTES_KIND = "persona-attributes";
    public static final String IDENTITIES_KIND = "persona-kb";
    /**
     * Pseudo-count added to every (key, value) frequency so that a value no identity has still gets a small,
     * non-zero background probability (a Jeffreys-style half count).
     */
    public static final double BACKGROUND_PSEUDO_COUNT = 0.5;

    private final Map<String, PersonaAttribute> vocabulary;
    private final Map<String, Identity> identities;
    private final Map<String, Map<String, Set<String>>> normalizedValues;
    /** key -> normalized value -> ids of the identities holding it (sorted). */
    private final Map<String, Map<String, Set<String>>> index;
    /** normalized value -> ids holding it under any key. */
    private final Map<String, Set<String>> valueIndex;
    private final Map<String, Integer> identitiesWithKey;

    private PersonaKnowledgeBase(Map<String, PersonaAttribute> vocabulary, Map<String, Identity> identities) {
        this.vocabulary = Collections.unmodifiableMap(vocabulary);
        this.identities = Collections.unmodifiableMap(identities);
        Map<String, Map<String, Set<String>>> norm = new LinkedHashMap<>();
        Map<String, Map<String, Set<String>>> idx = new TreeMap<>();
        Map<String, Set<String>> byValue = new TreeMap<>();
        Map<String, Integer> withKey = new TreeMap<>();
        for (Identity identity : identities.values()) {
            Map<String, Set<String>> own = new LinkedHashMap<>();
            identity.attributes().forEach((key, values) -> {
                Set<String> normalized = new LinkedHashSet<>();
                for (String v : values) {
                    String n = PersonaValues.normalize(v);
                    if (!n.isEmpty()) {
                        normalized.add(n);
                    }
                }
                own.put(key, Collections.unmodifiableSet(normalized));
                if (!normalized.isEmpty()) {
                    withKey.merge(key, 1, Integer::sum);
                }
                for (String n : normalized) {
                    idx.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(n, k -> new TreeSet<>())
                            .add(identity.id());
                    byValue.computeIfAbsent(n, k -> new TreeSet<>()).add(identity.id());
                }
            });
            norm.put(identity.id(), Collections.unmodifiableMap(own));
        }
        this.normalizedValues = Collections.unmodifiableMap(norm);
        this.index = idx;
        this.valueIndex = byValue;
        this.identitiesWithKey = withKey;
    }

    /**
     * The knowledge base of every {@code persona-attributes} and {@code persona-kb} pack, in load order. An
     * identity id given twice, or an attribute key missing from the vocabulary, stops the scan with the pack
     * that holds it.
     */
    public static PersonaKnowledgeBase from(RulePacks packs) {
        Map<String, PersonaAttribute> vocabulary = new LinkedHashMap<>();
        Map<String, String> vocabularySource = new LinkedHashMap<>();
        for (RulePack pack : packs.ofKind(ATTRIBUTES_KIND)) {
            for (PersonaAttribute attribute : pack.entries(PersonaAttribute.class)) {
                String earlier = vocabularySource.putIfAbsent(attribute.key(), pack.source());
                if (earlier != null) {
                    throw new AuguryException("rule pack " + pack.source() + ": persona attribute '" + attribute.key()
                            + "' is already defined in " + earlier + ". Give it another key or remove one.");
                }
                vocabulary.put(attribute.key(), attribute);
            }
        }
        Map<String, Identity> identities = new LinkedHashMap<>();
        Map<String, String> identitySource = new LinkedHashMap<>();
        for (RulePack pack : packs.ofKind(IDENTITIES_KIND)) {
            for (Identity identity : pack.entries(Identity.class)) {
                String earlier = identitySource.putIfAbsent(identity.id(), pack.source());
                if (earlier != null) {
                    throw new AuguryException("rule pack " + pack.source() + ": persona id '" + identity.id()
                            + "' is already defined in " + earlier + ". Give it another id or remove one.");
                }
                for (String key : identity.attributes().keySet()) {
                    if (!vocabulary.containsKey(key)) {
                        throw new AuguryException("rule pack " + pack.source() + ": persona '" + identity.id()
                                + "' uses attribute '" + key + "', which no " + ATTRIBUTES_KIND
                                + " pack defines. Use a vocabulary key or add the key to a vocabulary pack.");
                    }
                }
                identities.put(identity.id(), identity);
            }
        }
        return new PersonaKnowledgeBase(vocabulary, identities);
    }

    /** The attribute vocabulary, by key, in load order. */
    public Map<String, PersonaAttribute> vocabulary() {
        return vocabulary;
    }

    public Optional<PersonaAttribute> attribute(String key) {
        return Optional.ofNullable(vocabulary.get(key));
    }

    /** Every identity, in load order. */
    public List<Identity> identities() {
        return List.copyOf(identities.values());
    }

    public Optional<Identity> identity(String id) {
        return Optional.ofNullable(identities.get(id));
    }

    public int size() {
        return identities.size();
    }

    /** The normalized values of one identity's attribute, or an empty set. */
    public Set<String> normalizedValues(String id, String key) {
        return normalizedValues.getOrDefault(id, Map.of()).getOrDefault(key, Set.of());
    }

    /** Whether the identity holds the value (normalized here) under the key. */
    public boolean holds(String id, String key, String value) {
        return normalizedValues(id, key).contains(PersonaValues.normalize(value));
    }

    /** The ids of the identities holding the value (normalized here) under the key, sorted. */
    public Set<String> identitiesWith(String key, String value) {
        Set<String> ids = index.getOrDefault(key, Map.of()).get(PersonaValues.normalize(value));
        return ids == null ? Set.of() : Collections.unmodifiableSet(ids);
    }

    /** In how many identities the value (normalized here) appears under the key. */
    public int frequency(String key, String value) {
        return identitiesWith(key, value).size();
    }

    /** In how many identities the value (normalized here) appears under any key. */
    public int frequencyAnyKey(String value) {
        Set<String> ids = valueIndex.get(PersonaValues.normalize(value));
        return ids == null ? 0 : ids.size();
    }

    /** How many identities give the key at all. */
    public int identitiesWithKey(String key) {
        return identitiesWithKey.getOrDefault(key, 0);
    }

    /**
     * The probability that an identity of the knowledge base which gives the key has this value, smoothed by
     * {@link #BACKGROUND_PSEUDO_COUNT}: the knowledge-base half of the likelihood ratio's background.
     */
    public double backgroundProbability(String key, String value) {
        return (frequency(key, value) + BACKGROUND_PSEUDO_COUNT) / (identitiesWithKey(key) + 2 * BACKGROUND_PSEUDO_COUNT);
    }

    /** The distinct normalized values of a key with their frequencies, most frequent first, then by value. */
    public List<Map.Entry<String, Integer>> valueFrequencies(String key) {
        List<Map.Entry<String, Integer>> out = new ArrayList<>();
        index.getOrDefault(key, Map.of()).forEach((v, ids) -> out.add(Map.entry(v, ids.size())));
        out.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return out;
    }
}
