package dev.augury.embed;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** One bundled encoder per test JVM, shared by the test classes (loading it is the slow part). */
final class TestEncoders {
    /** Inside the module's build folder: tests write nothing outside the repository. */
    static final Path MODEL_DIR = Path.of("target", "test-models");
    private static OnnxEncoder shared;

    private TestEncoders() {
    }

    static synchronized OnnxEncoder bundled() {
        if (shared == null) {
            shared = OnnxEncoder.bundled(OnnxEncoder.Options.defaults(2), MODEL_DIR);
        }
        return shared;
    }

    /** Wraps the shared encoder: counts the texts it encodes, and leaves it open when closed. */
    static final class Counting implements Encoder {
        private final Encoder delegate;
        final AtomicLong texts = new AtomicLong();

        Counting(Encoder delegate) {
            this.delegate = delegate;
        }

        @Override
        public String modelId() {
            return delegate.modelId();
        }

        @Override
        public int dimension() {
            return delegate.dimension();
        }

        @Override
        public float[][] encode(List<String> batch) {
            texts.addAndGet(batch.size());
            return delegate.encode(batch);
        }

        @Override
        public void close() {
            // shared across tests: the JVM's exit frees it
        }
    }
}
