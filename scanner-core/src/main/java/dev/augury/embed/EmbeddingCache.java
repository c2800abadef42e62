package dev.augury.embed;

import dev.augury.cache.KeyedStore;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Vectors on disk, keyed by the SHA-256 of the text, one append-only {@link KeyedStore} file per model id
 * ({@code vectors-<modelId>.bin}) whose identity is the model id and the dimension; each payload is the vector's
 * floats (big-endian). What the store does with a bad, foreign, partial or locked file applies here: it is rebuilt
 * or read without writing, with a warning, never trusted and never a crash.
 */
public final class EmbeddingCache implements AutoCloseable {
    /** Model ids are short hex digests; anything else in a file name would be unsafe. */
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final KeyedStore store;
    private final String modelId;
    private final int dimension;

    private EmbeddingCache(Path dir, String modelId, int dimension) {
        this.modelId = modelId;
        this.dimension = dimension;
        this.store = KeyedStore.open(dir.resolve(fileName(modelId)), "embedding cache", identity(modelId, dimension));
    }

    private EmbeddingCache(KeyedStore store, String modelId, int dimension) {
        this.modelId = modelId;
        this.dimension = dimension;
        this.store = store;
    }

    /** Classpath folder of the vectors shipped with Augury (the rule packs' texts under the bundled model). */
    public static final String SHIPPED_RESOURCE_DIR = "augury/embed/";

    /**
     * The vectors shipped on the classpath for this model ({@link #SHIPPED_RESOURCE_DIR}, written at build time by
     * {@code dev.augury.detect.PackTexts}), read-only; null when none were shipped for it. They are keyed like the
     * cache, by the hash of the exact text, so a pack text edited since the build is simply not found.
     */
    public static EmbeddingCache shipped(String modelId, int dimension) {
        if (!MODEL_ID.matcher(modelId).matches() || dimension <= 0) {
            return null;
        }
        // Read once per JVM: every scan builds an embedder (eval and the plugin scan many files in one process).
        return SHIPPED.computeIfAbsent(identity(modelId, dimension), id -> Optional.ofNullable(
                readShipped(modelId, dimension))).orElse(null);
    }

    private static final Map<String, Optional<EmbeddingCache>> SHIPPED = new ConcurrentHashMap<>();

    private static EmbeddingCache readShipped(String modelId, int dimension) {
        String resource = SHIPPED_RESOURCE_DIR + fileName(modelId);
        byte[] content;
        try (java.io.InputStream in = EmbeddingCache.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            content = in.readAllBytes();
        } catch (java.io.IOException e) {
            return null; // shipped vectors only save time
        }
        KeyedStore store = KeyedStore.readOnly(content, "classpath:" + resource, "shipped vectors",
                identity(modelId, dimension));
        return store.size() == 0 ? null : new EmbeddingCache(store, modelId, dimension);
    }

    /** The cache file of a model: also the name of its shipped vectors resource. */
    public static String fileName(String modelId) {
        return "vectors-" + modelId + ".bin";
    }

    private static String identity(String modelId, int dimension) {
        return "model " + modelId + ", dimension " + dimension;
    }

    /**
     * Opens (or creates) the cache of one model in {@code dir}. Never fails on a bad, locked or unwritable file:
     * it warns and works with what it can trust (possibly nothing, in memory only).
     */
    public static EmbeddingCache open(Path dir, String modelId, int dimension) {
        if (!MODEL_ID.matcher(modelId).matches()) {
            throw new IllegalArgumentException("Not a model id: " + modelId);
        }
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be positive: " + dimension);
        }
        return new EmbeddingCache(dir, modelId, dimension);
    }

    /** The cached vector of this exact text, or null. */
    public float[] get(String text) {
        byte[] bytes = store.get(KeyedStore.Key.of(text));
        if (bytes == null || bytes.length != Float.BYTES * dimension) {
            return null;
        }
        float[] vector = new float[dimension];
        ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }

    /** Adds vectors (written at the next {@link #flush()}); texts already cached are left alone. */
    public void putAll(Map<String, float[]> textVectors) {
        for (Map.Entry<String, float[]> entry : textVectors.entrySet()) {
            float[] vector = entry.getValue();
            if (vector.length != dimension) {
                throw new IllegalArgumentException("Vector of dimension " + vector.length + ", cache holds " + dimension);
            }
            ByteBuffer bytes = ByteBuffer.allocate(Float.BYTES * dimension).order(ByteOrder.BIG_ENDIAN);
            bytes.asFloatBuffer().put(vector);
            store.put(KeyedStore.Key.of(entry.getKey()), bytes.array());
        }
    }

    /** Appends the vectors added since the last flush (nothing when another process holds the file). */
    public void flush() {
        store.flush();
    }

    public int size() {
        return store.size();
    }

    public Path file() {
        return store.file();
    }

    public String modelId() {
        return modelId;
    }

    public int dimension() {
        return dimension;
    }

    /** False when another process held the file (this cache reads but never writes) or after close. */
    public boolean writable() {
        return store.writable();
    }

    /** What was wrong with the file when it was opened (also logged), oldest first. */
    public List<String> warnings() {
        return store.warnings();
    }

    @Override
    public void close() {
        store.close();
    }
}
