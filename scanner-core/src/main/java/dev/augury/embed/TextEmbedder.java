package dev.augury.embed;

import java.util.List;

/**
 * What detectors may ask of the encoder: vectors for texts of the rule packs (contrast sets, probes), through
 * the same deduplication and cache as the dataset's own texts.
 */
public interface TextEmbedder {
    int dimension();

    /** One L2-normalized vector per text, in order. */
    float[][] embed(List<String> texts);
}
