package dev.augury.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {
    private static final int DIM = 8;
    private static final String MODEL = "0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void vectorsSurviveCloseAndOpen() {
        Map<String, float[]> vectors = sample(20, 1);
        try (EmbeddingCache cache = EmbeddingCache.open(dir, MODEL, DIM)) {
            cache.putAll(vectors);
        }

        try (EmbeddingCache cache = EmbeddingCache.open(dir, MODEL, DIM)) {
            assertThat(cache.size()).isEqualTo(20);
            assertThat(cache.warnings()).isEmpty();
            vectors.forEach((text, v) -> assertThat(cache.get(text)).isEqualTo(v));
            assertThat(cache.get("never stored")).isNull();
        }
    }

    @Test
    void aCacheFolderThatCannotBeCreatedWarnsAndKeepsVectorsInMemory() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("occupied"), "a file where the folder should be");
        Map<String, float[]> vectors = sample(2, 1);

        try (EmbeddingCache cache = EmbeddingCache.open(notADirectory, MODEL, DIM)) {
            cache.putAll(vectors);
            cache.flush();

            assertThat(cache.writable()).isFalse();
            assertThat(cache.warnings()).singleElement(InstanceOfAssertFactories.STRING).contains("cannot be written");
            vectors.forEach((text, v) -> assertThat(cache.get(text)).isEqualTo(v));
        }
        assertThat(Files.readString(notADirectory)).isEqualTo("a file where the folder should be");
    }

    @Test
    void closingTwiceIsHarmlessAndStopsWriting() {
        EmbeddingCache cache = EmbeddingCache.open(dir, MODEL, DIM);
        cache.putAll(sample(2, 1));
        cache.close();
        cache.close();

        assertThat(cache.warnings()).isEmpty();
        assertThat(cache.writable()).isFalse();
    }

    @Test
    void aFileOfRandomBytesIsDiscardedAndRebuilt() throws Exception {
        Path file = write(sample(5, 1));
        byte[] junk = new byte[4096];
        new Random(3).nextBytes(junk);
        Files.write(file, junk);

        Map<String, float[]> fresh = sample(3, 2);
        try (EmbeddingCache cache = EmbeddingCache.open(dir, MODEL, DIM)) {
            assertThat(cache.size()).isZero();
            assertThat(cache.warnings()).singleElement(InstanceOfAssertFactories.STRING).contains("Discarding");
            cache.putAll(fresh);
        }
        try (EmbeddingCache cache = EmbeddingCache.open(dir, MODEL, DIM)) {
            assertThat(cache.warnings()).isEmpty();
            fresh.forEach((text, v) -> assertThat(cache.get(text)).isEqualTo(v));
        }
    }

    @Test
    void aFlippedByteInAnEntryDiscardsTheWholeFile() throws Exception {
        Path file = write(sample(5, 1));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 20] ^= 0x40;
        Files.write(file, bytes);

        try (EmbeddingCache cache = EmbeddingCache.open(dir, MODEL, DIM)) {
            assertThat(cache.size()).isZero();
            assertThat(cache.warnings()).singleElement(InstanceOfAssertFactories.STRING).contains("checksum");
        }
    }

    @Test
    void aPartialLastEntryIsCutOffAndTheCompleteOnesKept() throws Exception {
        Map<String, float[]> vectors = sample(5, 1);
        Path file = write(vectors);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 7));

        try (EmbeddingCache cache = EmbeddingCache.open(dir, MODEL, DIM)) {
            assertThat(cache.size()).isEqualTo(4);
            assertThat(cache.warnings()).singleElement(InstanceOfAssertFactories.STRING).contains("partial entry");
            vectors.forEach((text, v) -> {
                float[] got = cache.get(text);
                assertThat(got == null || Arrays.equals(got, v)).isTrue();
            });
        }
        assertThat(Files.size(file) < bytes.length - 7).isTrue();
    }

    @Test
    void aTruncatedHeaderIsRebuilt() throws Exception {
        Path file = write(sample(5, 1));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, 10));

        try (EmbeddingCache cache = EmbeddingCache.open(dir, MODEL, DIM)) {
            assertThat(cache.size()).isZero();
            assertThat(cache.warnings()).hasSize(1);
        }
    }

    @Test
    void aFileWrittenForAnotherModelOrDimensionIsNotUsed() throws Exception {
        Path ours;
        try (EmbeddingCache cache = EmbeddingCache.open(dir, MODEL, DIM)) {
            ours = cache.file();
        }
        for (EmbeddingCache other : new EmbeddingCache[] {EmbeddingCache.open(dir, "fedcba9876543210", DIM),
            EmbeddingCache.open(dir.resolve("d"), MODEL, DIM * 2)}) {
            Map<String, float[]> vectors = sample(4, 5, other.dimension());
            other.putAll(vectors);
            other.close();
            Files.copy(other.file(), ours, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            try (EmbeddingCache cache = EmbeddingCache.open(dir, MODEL, DIM)) {
                assertThat(cache.size()).isZero();
                assertThat(cache.warnings()).singleElement(InstanceOfAssertFactories.STRING)
                        .containsAnyOf("written for model fedcba9876543210", "dimension 16");
                vectors.keySet().forEach(text -> assertThat(cache.get(text)).isNull());
            }
        }
    }

    @Test
    void aSecondOpenWhileTheFirstHoldsTheFileReadsButNeverWrites() {
        Map<String, float[]> first = sample(3, 1);
        try (EmbeddingCache writer = EmbeddingCache.open(dir, MODEL, DIM)) {
            writer.putAll(first);
            writer.flush();
            try (EmbeddingCache reader = EmbeddingCache.open(dir, MODEL, DIM)) {
                assertThat(reader.writable()).isFalse();
                assertThat(reader.warnings()).singleElement(InstanceOfAssertFactories.STRING).contains("in use");
                first.forEach((text, v) -> assertThat(reader.get(text)).isEqualTo(v));
                reader.putAll(sample(2, 9));
                reader.flush();
            }
            writer.putAll(sample(2, 4));
        }
        try (EmbeddingCache cache = EmbeddingCache.open(dir, MODEL, DIM)) {
            assertThat(cache.warnings()).isEmpty();
            assertThat(cache.size()).isEqualTo(5);
        }
    }

    private Path write(Map<String, float[]> vectors) {
        try (EmbeddingCache cache = EmbeddingCache.open(dir, MODEL, DIM)) {
            cache.putAll(vectors);
            return cache.file();
        }
    }

    private static Map<String, float[]> sample(int count, long seed) {
        return sample(count, seed, DIM);
    }

    private static Map<String, float[]> sample(int count, long seed, int dim) {
        Random random = new Random(seed);
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            float[] v = new float[dim];
            for (int j = 0; j < dim; j++) {
                v[j] = (float) random.nextGaussian();
            }
            out.put("text " + seed + "/" + i, v);
        }
        return out;
    }
}
