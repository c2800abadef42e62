package dev.augury.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augury.cache.KeyedStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Language features on disk, keyed by the SHA-256 of the text, in one {@link KeyedStore} file per annotator
 * identity ({@code annotations-<id>.bin}); each payload is the {@link TextFeatures} as JSON. An annotator whose
 * {@link Annotator#cacheId()} is null is never cached. A payload that does not parse is annotated again.
 */
public final class AnnotationCache implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final KeyedStore store;
    private long hits;
    private long misses;

    private AnnotationCache(Path dir, String annotatorId) {
        this.store = KeyedStore.open(dir.resolve("annotations-" + annotatorId + ".bin"), "annotation cache",
                "annotator " + annotatorId);
    }

    /** Opens (or creates) the cache of one annotator build in {@code dir}; never fails on a bad file. */
    public static AnnotationCache open(Path dir, String annotatorId) {
        if (!ID.matcher(annotatorId).matches()) {
            throw new IllegalArgumentException("Not an annotator id: " + annotatorId);
        }
        return new AnnotationCache(dir, annotatorId);
    }

    /**
     * Features for each distinct text, in first-seen order, as {@code annotator} gives them: texts found here are
     * not annotated again, the others are annotated in one call and stored.
     */
    public Map<String, TextFeatures> annotate(Annotator annotator, Collection<String> texts) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String t : texts) {
            if (t != null) {
                distinct.add(t);
            }
        }
        Map<String, TextFeatures> out = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        List<KeyedStore.Key> missingKeys = new ArrayList<>();
        for (String text : distinct) {
            KeyedStore.Key key = KeyedStore.Key.of(text); // hashed once: looked up now, stored below on a miss
            TextFeatures cached = read(store.get(key));
            out.put(text, cached); // null placeholder keeps first-seen order
            if (cached == null) {
                missing.add(text);
                missingKeys.add(key);
            }
        }
        hits += distinct.size() - missing.size();
        misses += missing.size();
        if (!missing.isEmpty()) {
            Map<String, TextFeatures> fresh = annotator.annotate(missing);
            for (int i = 0; i < missing.size(); i++) {
                TextFeatures f = fresh.getOrDefault(missing.get(i), TextFeatures.EMPTY);
                out.put(missing.get(i), f);
                store.put(missingKeys.get(i), write(f));
            }
            store.flush();
        }
        return out;
    }

    /** Texts found in the cache and texts annotated, over every call. */
    public long hits() {
        return hits;
    }

    public long misses() {
        return misses;
    }

    public Path file() {
        return store.file();
    }

    public List<String> warnings() {
        return store.warnings();
    }

    @Override
    public void close() {
        store.close();
    }

    private static TextFeatures read(byte[] payload) {
        if (payload == null) {
            return null;
        }
        try {
            return JSON.readValue(payload, TextFeatures.class);
        } catch (IOException e) {
            return null; // not trusted: annotate again
        }
    }

    private static byte[] write(TextFeatures features) {
        try {
            return JSON.writeValueAsBytes(features);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize text features", e);
        }
    }
}
