package dev.augury.embed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * The one way texts become vectors in a scan: deduplicates, answers from the run's memory and the disk cache,
 * and encodes only what neither holds, sorted by length, in chunks (for progress and incremental caching).
 * Identical texts get the same {@code float[]} instance; callers must not modify the arrays.
 */
public final class Embedder implements TextEmbedder, AutoCloseable {
    /**
     * Texts per call to the encoder: big enough to keep both workers busy and make batches of similar length,
     * small enough that progress moves and a killed run keeps most of its vectors in the cache.
     */
    static final int CHUNK_SIZE = 512;

    /**
     * Counters over the embedder's life.
     *
     * @param requested   texts asked for, repeats included
     * @param unique      distinct texts among them
     * @param cacheHits   distinct texts found in the disk cache
     * @param shippedHits distinct texts found among the vectors shipped for the bundled model (rule-pack texts)
     * @param encoded     distinct texts run through the encoder
     * @param encodeNanos wall time spent in the encoder
     */
    public record Stats(long requested, long unique, long cacheHits, long shippedHits, long encoded,
                        long encodeNanos) {
        public double encodedPerSecond() {
            return encodeNanos == 0 ? 0 : encoded * 1e9 / encodeNanos;
        }
    }

    private final Encoder encoder;
    private final EmbeddingCache cache;
    /** Vectors shipped for the bundled model (the rule packs' texts); null for any other model. */
    private final EmbeddingCache shipped;
    private final Map<String, float[]> seen = new HashMap<>();
    private LongConsumer progress = encodedSoFar -> { };
    private long requested;
    private long cacheHits;
    private long shippedHits;
    private long encoded;
    private long encodeNanos;

    /** Takes ownership of both: {@link #close()} closes the encoder and flushes and closes the cache. */
    public Embedder(Encoder encoder, EmbeddingCache cacheOrNull) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.cache = cacheOrNull;
        this.shipped = EmbeddingCache.shipped(encoder.modelId(), encoder.dimension());
        if (cache != null && (!cache.modelId().equals(encoder.modelId()) || cache.dimension() != encoder.dimension())) {
            throw new IllegalArgumentException("The cache belongs to model " + cache.modelId() + " (dimension "
                    + cache.dimension() + "), the encoder is " + encoder.modelId() + " (dimension "
                    + encoder.dimension() + ")");
        }
    }

    /** Called with the number of texts encoded so far in this embedder's life, after each chunk. */
    public synchronized void onProgress(LongConsumer listener) {
        this.progress = listener == null ? encodedSoFar -> { } : listener;
    }

    @Override
    public int dimension() {
        return encoder.dimension();
    }

    public String modelId() {
        return encoder.modelId();
    }

    @Override
    public synchronized float[][] embed(List<String> texts) {
        requested += texts.size();
        List<String> misses = new ArrayList<>();
        for (String text : texts) {
            Objects.requireNonNull(text, "texts must not contain null");
            if (seen.containsKey(text)) {
                continue;
            }
            float[] cached = cache == null ? null : cache.get(text);
            if (cached != null) {
                cacheHits++;
            } else if (shipped != null && (cached = shipped.get(text)) != null) {
                shippedHits++;
            } else {
                misses.add(text);
            }
            seen.put(text, cached); // null marks "to encode" and keeps the duplicates out of misses
        }
        // Similar lengths side by side keep padding small when the encoder batches; ties by text for a stable order.
        misses.sort(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));
        try {
            encodeMisses(misses);
        } catch (RuntimeException e) {
            seen.values().removeIf(Objects::isNull); // a later call must try these texts again
            throw e;
        }
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = seen.get(texts.get(i));
        }
        return out;
    }

    private void encodeMisses(List<String> misses) {
        for (int from = 0; from < misses.size(); from += CHUNK_SIZE) {
            List<String> chunk = misses.subList(from, Math.min(misses.size(), from + CHUNK_SIZE));
            long start = System.nanoTime();
            float[][] vectors = encoder.encode(chunk);
            encodeNanos += System.nanoTime() - start;
            Map<String, float[]> fresh = new LinkedHashMap<>();
            for (int i = 0; i < chunk.size(); i++) {
                seen.put(chunk.get(i), vectors[i]);
                fresh.put(chunk.get(i), vectors[i]);
            }
            encoded += chunk.size();
            if (cache != null) {
                cache.putAll(fresh);
                cache.flush();
            }
            progress.accept(encoded);
        }
    }

    /** How many texts a call with these texts would encode (neither in this run nor in the cache): for a progress bar. */
    public synchronized long countMisses(List<String> texts) {
        Set<String> distinct = new HashSet<>();
        for (String text : texts) {
            if (!seen.containsKey(text) && (cache == null || cache.get(text) == null)
                    && (shipped == null || shipped.get(text) == null)) {
                distinct.add(text);
            }
        }
        return distinct.size();
    }

    public synchronized Stats stats() {
        return new Stats(requested, seen.size(), cacheHits, shippedHits, encoded, encodeNanos);
    }

    @Override
    public synchronized void close() {
        try {
            if (cache != null) {
                cache.close();
            }
        } finally {
            encoder.close();
        }
    }
}
