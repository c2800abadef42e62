package dev.augury.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbedderTest {
    private static OnnxEncoder shared;
    private static List<String> texts;
    private static float[][] truth;

    @TempDir
    Path cacheDir;

    @BeforeAll
    static void load() {
        shared = TestEncoders.bundled();
        texts = SampleTexts.generate(11, 30, 5, 40);
        truth = shared.encode(texts);
    }

    @Test
    void identicalTextsAreEncodedOnceAndShareOneVector() {
        TestEncoders.Counting counting = new TestEncoders.Counting(shared);
        List<String> request = new ArrayList<>(texts.subList(0, 5));
        request.addAll(texts.subList(0, 5));
        request.add(texts.get(2));

        try (Embedder embedder = new Embedder(counting, null)) {
            float[][] out = embedder.embed(request);

            assertThat(counting.texts.get()).isEqualTo(5);
            assertThat(out[7]).isSameAs(out[2]).isSameAs(out[10]);
            assertThat(out[2]).isEqualTo(truth[2]);
            assertThat(embedder.stats()).isEqualTo(new Embedder.Stats(11, 5, 0, 0, 5, embedder.stats().encodeNanos()));
        }
    }

    @Test
    void aTextIsNeverEncodedTwiceInARun() {
        TestEncoders.Counting counting = new TestEncoders.Counting(shared);
        try (Embedder embedder = new Embedder(counting, null)) {
            float[] first = embedder.embed(texts.subList(0, 10))[3];
            float[][] second = embedder.embed(texts.subList(3, 15));

            assertThat(counting.texts.get()).isEqualTo(15);
            assertThat(second[0]).isSameAs(first);
        }
    }

    @Test
    void theCacheServesASecondRunWithIdenticalVectorsAndNoEncoding() {
        try (Embedder embedder = new Embedder(new TestEncoders.Counting(shared), open())) {
            embedder.embed(texts);
        }

        TestEncoders.Counting counting = new TestEncoders.Counting(shared);
        try (Embedder embedder = new Embedder(counting, open())) {
            float[][] out = embedder.embed(texts);

            assertThat(counting.texts.get()).isZero();
            assertThat(embedder.stats().cacheHits()).isEqualTo(texts.size());
            for (int i = 0; i < texts.size(); i++) {
                assertThat(out[i]).isEqualTo(truth[i]);
            }
        }
    }

    @Test
    void aCorruptOrTruncatedCacheIsRebuiltAndResultsStayCorrect() throws Exception {
        Path file;
        try (Embedder embedder = new Embedder(new TestEncoders.Counting(shared), open())) {
            embedder.embed(texts);
        }
        try (EmbeddingCache cache = open()) {
            file = cache.file();
        }
        byte[] bytes = Files.readAllBytes(file);

        byte[] junk = new byte[bytes.length];
        new Random(5).nextBytes(junk);
        for (byte[] damaged : List.of(junk, Arrays.copyOf(bytes, bytes.length / 2))) {
            Files.write(file, damaged);
            TestEncoders.Counting counting = new TestEncoders.Counting(shared);
            try (EmbeddingCache cache = open(); Embedder embedder = new Embedder(counting, cache)) {
                float[][] out = embedder.embed(texts);

                assertThat(cache.warnings()).hasSize(1);
                assertThat(counting.texts.get()).isPositive();
                for (int i = 0; i < texts.size(); i++) {
                    assertThat(out[i]).isEqualTo(truth[i]);
                }
            }
        }
    }

    @Test
    void aCacheOfAnotherModelIsRefused() {
        try (EmbeddingCache other = EmbeddingCache.open(cacheDir, "feedfacecafebeef", shared.dimension())) {
            assertThatThrownBy(() -> new Embedder(new TestEncoders.Counting(shared), other))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feedfacecafebeef");
        }
    }

    @Test
    void progressReportsTheEncodedCountUpToTheTotal() {
        List<String> many = SampleTexts.generate(12, Embedder.CHUNK_SIZE + 20, 8, 14);
        List<Long> seen = new ArrayList<>();
        try (Embedder embedder = new Embedder(new TestEncoders.Counting(shared), null)) {
            embedder.onProgress(seen::add);
            assertThat(embedder.countMisses(many)).isEqualTo(many.size());
            embedder.embed(many);
        }

        assertThat(seen).containsExactly((long) Embedder.CHUNK_SIZE, (long) many.size());
    }

    private EmbeddingCache open() {
        return EmbeddingCache.open(cacheDir, shared.modelId(), shared.dimension());
    }
}
