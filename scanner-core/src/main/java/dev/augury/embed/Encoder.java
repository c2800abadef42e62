package dev.augury.embed;

import java.util.List;

/** A sentence encoder: texts in, L2-normalized vectors out, the same vector for the same text every time. */
public interface Encoder extends AutoCloseable {
    /** Identifies the model's weights (for the cache): changes when the model files change. */
    String modelId();

    int dimension();

    /** One vector per text, in order. Deterministic: a text's vector does not depend on the others. */
    float[][] encode(List<String> texts);

    @Override
    default void close() {
    }
}
