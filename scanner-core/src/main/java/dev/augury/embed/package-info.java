/**
 * Texts to vectors: {@link dev.augury.embed.OnnxEncoder} (ONNX Runtime + HuggingFace tokenizer, mean pooling,
 * L2 norm), {@link dev.augury.embed.EmbeddingCache} (vectors on disk by model id and text hash) and
 * {@link dev.augury.embed.Embedder} (deduplication, cache, encoding of the misses only, progress).
 *
 * <p>Why the default runs every text alone: the int8 MiniLM quantizes activations per batch, so in a batch of
 * 64 no text kept its solo vector (0 of 200 bitwise equal, cosine down to 0.986). One text per call is exact
 * by construction and, measured on 2 cores with 5,000 texts of 5-60 words, still the fastest exact choice:
 * int8 batch 1 runs about 1.8x as many texts per CPU-second as fp32 in batches of 64 sorted by length (which
 * is exact too), and about as many as int8 batched. Run {@code EncoderBenchmark} (see its doc) to measure again.
 */
package dev.augury.embed;
