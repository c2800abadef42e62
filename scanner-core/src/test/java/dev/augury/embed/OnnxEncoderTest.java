package dev.augury.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.augury.AuguryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxEncoderTest {
    private static OnnxEncoder encoder;

    @BeforeAll
    static void load() {
        encoder = TestEncoders.bundled();
    }

    @Test
    void vectorsHave384DimensionsAndUnitNorm() {
        float[][] vectors = encoder.encode(List.of("The cat sat on the mat.", "", "Quarterly revenue rose by 4%."));

        assertThat(encoder.dimension()).isEqualTo(384);
        for (float[] v : vectors) {
            assertThat(v).hasSize(384);
            assertThat(norm(v)).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void aTextsVectorIsBitwiseIdenticalAloneAndInsideABatch() {
        String text = "How do I bake sourdough bread at home?";
        List<String> batch = new ArrayList<>(SampleTexts.generate(3, 40, 5, 60));
        batch.add(17, text);

        float[] alone = encoder.encode(List.of(text))[0];
        float[] inBatch = encoder.encode(batch)[17];
        float[] nextToLongText = encoder.encode(List.of("word ".repeat(300), text))[1];

        assertThat(inBatch).isEqualTo(alone);
        assertThat(nextToLongText).isEqualTo(alone);
    }

    @Test
    void aParaphraseIsCloserThanAnUnrelatedSentence() {
        float[][] v = encoder.encode(List.of("The weather is lovely today.", "It is a beautiful sunny day.",
                "The stock market fell sharply after the announcement."));

        assertThat(dot(v[0], v[1])).isGreaterThan(dot(v[0], v[2]) + 0.2);
    }

    @Test
    void textsLongerThanTheModelLimitAreTruncatedNotRejected() {
        String longText = "The committee discussed the annual budget at great length. ".repeat(200);
        String prefixOnly = "The committee discussed the annual budget at great length. ".repeat(60);

        float[][] v = encoder.encode(List.of(longText, prefixOnly));

        // Both exceed 256 tokens, so both are cut to the same first 256 tokens.
        assertThat(v[0]).isEqualTo(v[1]);
    }

    @Test
    void modelIdIsAShortHexDigest() {
        assertThat(encoder.modelId()).matches("[0-9a-f]{16}");
    }

    @Test
    void fromDirectoryLoadsAModelAndItsIdFollowsBytesAndSettings(@TempDir Path dir) throws Exception {
        try (Stream<Path> files = Files.list(TestEncoders.MODEL_DIR)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith("-all-minilm-l6-v2-q.onnx")) {
                    Files.copy(file, dir.resolve("encoder-int8.onnx"));
                } else if (name.endsWith("-all-minilm-l6-v2-q-tokenizer.json")) {
                    Files.copy(file, dir.resolve("tokenizer.json"));
                }
            }
        }
        String text = "A quiet village celebrated the harvest.";
        try (OnnxEncoder same = OnnxEncoder.fromDirectory(dir, 1);
             OnnxEncoder shorter = OnnxEncoder.fromDirectory(dir, OnnxEncoder.Options.defaults(1).withMaxTokens(128))) {
            assertThat(same.modelId()).isEqualTo(encoder.modelId());
            assertThat(same.encode(List.of(text))[0]).isEqualTo(encoder.encode(List.of(text))[0]);
            assertThat(shorter.modelId()).isNotEqualTo(encoder.modelId());
        }
    }

    @Test
    void fromDirectoryWithoutAModelSaysWhatIsMissing(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> OnnxEncoder.fromDirectory(dir, 1))
                .isInstanceOf(AuguryException.class)
                .hasMessageContaining("no ONNX model").hasMessageContaining("model.onnx")
                .hasMessageContaining("tokenizer.json");

        Files.write(dir.resolve("model.onnx"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> OnnxEncoder.fromDirectory(dir, 1))
                .isInstanceOf(AuguryException.class).hasMessageContaining("no tokenizer.json");

        assertThatThrownBy(() -> OnnxEncoder.fromDirectory(dir.resolve("absent"), 1))
                .isInstanceOf(AuguryException.class).hasMessageContaining("does not exist");
    }

    @Test
    void aFileThatIsNotAnOnnxModelIsAUserError(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("model.onnx"), new byte[] {1, 2, 3});
        Files.writeString(dir.resolve("tokenizer.json"), "{}");

        assertThatThrownBy(() -> OnnxEncoder.fromDirectory(dir, 1))
                .isInstanceOf(AuguryException.class).hasMessageContaining("cannot load the model");
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static double norm(float[] v) {
        return Math.sqrt(dot(v, v));
    }
}
