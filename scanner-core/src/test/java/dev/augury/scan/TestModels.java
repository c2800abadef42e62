package dev.augury.scan;

import dev.augury.embed.Encoder;
import dev.augury.embed.OnnxEncoder;
import dev.augury.text.Annotator;
import dev.augury.text.CoreNlpAnnotator;
import java.nio.file.Path;
import java.util.List;

/**
 * The encoder and annotator shared by every scan-level test in the JVM (loading them is the slow part). The
 * wrappers ignore close(), so a {@link Scanner} given them leaves them open for the next test.
 */
public final class TestModels {
    /** Inside the module's build folder: tests write nothing outside the repository. */
    static final Path MODEL_DIR = Path.of("target", "test-models");
    private static Encoder encoder;
    private static Annotator annotator;

    private TestModels() {
    }

    public static synchronized Encoder encoder() {
        if (encoder == null) {
            OnnxEncoder onnx = OnnxEncoder.bundled(OnnxEncoder.Options.defaults(2), MODEL_DIR);
            encoder = new Encoder() {
                @Override
                public String modelId() {
                    return onnx.modelId();
                }

                @Override
                public int dimension() {
                    return onnx.dimension();
                }

                @Override
                public float[][] encode(List<String> texts) {
                    return onnx.encode(texts);
                }

                @Override
                public void close() {
                    // shared: the JVM's exit frees it
                }
            };
        }
        return encoder;
    }

    public static synchronized Annotator annotator() {
        if (annotator == null) {
            CoreNlpAnnotator nlp = new CoreNlpAnnotator(2);
            annotator = nlp::annotate;
        }
        return annotator;
    }

    /** A scanner over {@code config} that uses the shared models. */
    public static Scanner.Builder scanner(ScanConfig config) {
        return Scanner.builder(config).encoder(encoder()).annotator(annotator());
    }
}
