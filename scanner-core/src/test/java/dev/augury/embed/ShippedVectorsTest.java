package dev.augury.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.augury.detect.PackTexts;
import dev.augury.rules.RulePacks;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rule packs' texts ship with their vectors under the bundled model (written by the build, see PackTexts). */
class ShippedVectorsTest {
    private static OnnxEncoder encoder;
    private static List<String> packTexts;

    @BeforeAll
    static void load() {
        encoder = TestEncoders.bundled();
        packTexts = PackTexts.of(RulePacks.of(RulePacks.loadDefaults()));
    }

    @Test
    void everyPackTextShipsWithExactlyTheVectorTheEncoderGivesIt() {
        EmbeddingCache shipped = EmbeddingCache.shipped(encoder.modelId(), encoder.dimension());
        assertThat(shipped).isNotNull();
        assertThat(packTexts).hasSizeGreaterThan(1_000).allSatisfy(t -> assertThat(shipped.get(t)).as(t).isNotNull());
        List<String> sample = sample(40, 11);
        float[][] fresh = encoder.encode(sample);
        for (int i = 0; i < sample.size(); i++) {
            assertThat(shipped.get(sample.get(i))).as(sample.get(i)).containsExactly(fresh[i]);
        }
    }

    @Test
    void anEmbedderAnswersPackTextsFromTheShippedVectorsWithoutEncodingThem() {
        TestEncoders.Counting counting = new TestEncoders.Counting(encoder);
        List<String> request = sample(30, 5);
        request.add("A text that is in no rule pack, so it is encoded.");
        try (Embedder embedder = new Embedder(counting, null)) {
            float[][] out = embedder.embed(request);
            assertThat(out.length).isEqualTo(31);
            assertThat(java.util.Arrays.asList(out)).doesNotContainNull();
            assertThat(counting.texts.get()).isEqualTo(1);
            assertThat(embedder.stats().shippedHits()).isEqualTo(30);
            assertThat(embedder.stats().encoded()).isEqualTo(1);
        }
    }

    @Test
    void anotherModelHasNoShippedVectors() {
        assertThat(EmbeddingCache.shipped("0123456789abcdef", encoder.dimension())).isNull();
        assertThat(EmbeddingCache.shipped(encoder.modelId(), encoder.dimension() + 1)).isNull();
    }

    private static List<String> sample(int size, long seed) {
        List<String> pool = new ArrayList<>(packTexts);
        SplittableRandom random = new SplittableRandom(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            out.add(pool.remove(random.nextInt(pool.size())));
        }
        return out;
    }
}
