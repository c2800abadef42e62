package dev.augury.embed;

import dev.augury.cache.KeyedStore;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        this.store = KeyedStore.open(dir.resolve("vectors-" + modelId + ".bin"), "embedding cache",
                "model " + modelId + ", dimension " + dimension);
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
