/**
 * Texts to vectors: {@link dev.augury.embed.OnnxEncoder} (ONNX Runtime + HuggingFace tokenizer, mean pooling,
 * L2 norm), {@link dev.augury.embed.EmbeddingCache} (vectors on disk by model id and text hash) and
 * {@link dev.augury.embed.Embedder} (deduplication, cache, encoding of the misses only, progress).
 *
 * <p>Why the default runs every text alone, on one session per core: the int8 MiniLM quantizes activations
 * per batch, so in batches of 64 no text kept its solo vector (0 of 200 bitwise equal, cosine down to 0.986).
 * One text per call is exact by construction and was also the fastest option measured (2 cores, JDK 17, 5,000
 * texts of 5-60 words, machine otherwise idle): int8 batch 1 on 2 sessions 419 texts/s (1 session 205);
 * int8 batches of 64 sorted by length 267 texts/s; fp32 batches of 64, exact too, about half the int8 texts per
 * CPU-second (98 against 211). Run {@code EncoderBenchmark} (see its doc) to measure again.
 */
package dev.augury.embed;
