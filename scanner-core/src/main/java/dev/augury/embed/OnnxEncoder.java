package dev.augury.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.augury.AuguryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A sentence encoder on ONNX Runtime: HuggingFace tokenizer, transformer, mean pooling over the attention mask,
 * L2 normalization.
 *
 * <p>Reproducibility: the int8 MiniLM quantizes its activations per batch, so a text's vector depends on what
 * else is in its batch. The default ({@link Options#EXACT_BATCH_SIZE} = 1) runs every text alone, on one
 * session per worker thread with one intra-op thread each, which makes a text's vector a function of the text
 * only (and measured to be the fastest exact choice on 2 cores; see the package documentation).
 */
public final class OnnxEncoder implements Encoder {
    /** The bundled default model: all-MiniLM-L6-v2, int8, from langchain4j's Maven Central artifact. */
    public static final String BUNDLED_MODEL_RESOURCE = "/all-minilm-l6-v2-q.onnx";
    public static final String BUNDLED_TOKENIZER_RESOURCE = "/all-minilm-l6-v2-q-tokenizer.json";

    /** File names looked for by {@link #fromDirectory}. */
    public static final String MODEL_FILE = "model.onnx";
    public static final String TOKENIZER_FILE = "tokenizer.json";

    private static final String INPUT_IDS = "input_ids";
    private static final String ATTENTION_MASK = "attention_mask";
    private static final String TOKEN_TYPE_IDS = "token_type_ids";
    private static final String LAST_HIDDEN_STATE = "last_hidden_state";
    private static final String POOLING = "mean";
    /** Hex digits of the model id: 64 bits, enough that two models never share a cache by accident. */
    private static final int MODEL_ID_HEX_DIGITS = 16;

    /**
     * How the encoder runs.
     *
     * @param threads   worker threads, one ONNX session each (with one intra-op thread)
     * @param maxTokens truncation length in tokens, special tokens included
     * @param batchSize texts per session call; 1 makes vectors independent of the batch (the default)
     */
    public record Options(int threads, int maxTokens, int batchSize) {
        /** all-MiniLM-L6-v2 was trained with sequences of at most 256 word pieces (sentence-transformers). */
        public static final int DEFAULT_MAX_TOKENS = 256;
        /** One text per session call: the only batch size whose int8 vectors do not depend on other texts. */
        public static final int EXACT_BATCH_SIZE = 1;

        public Options {
            if (threads <= 0) {
                threads = Math.max(1, Runtime.getRuntime().availableProcessors());
            }
            if (maxTokens < 3) {
                throw new IllegalArgumentException("maxTokens must leave room for text between the special tokens: " + maxTokens);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
            }
        }

        public static Options defaults(int threads) {
            return new Options(threads, DEFAULT_MAX_TOKENS, EXACT_BATCH_SIZE);
        }

        public Options withBatchSize(int size) {
            return new Options(threads, maxTokens, size);
        }

        public Options withMaxTokens(int tokens) {
            return new Options(threads, tokens, batchSize);
        }
    }

    private final Options options;
    private final String modelId;
    private final List<Worker> workers;
    private final ExecutorService pool;
    private final int dimension;

    private OnnxEncoder(Path modelFile, Path tokenizerFile, Options options) {
        this.options = options;
        this.modelId = modelId(modelFile, tokenizerFile, options);
        List<Worker> made = new ArrayList<>();
        try {
            for (int i = 0; i < options.threads(); i++) {
                made.add(new Worker(modelFile, tokenizerFile, options.maxTokens()));
            }
        } catch (RuntimeException e) {
            made.forEach(Worker::close);
            throw e;
        }
        this.workers = List.copyOf(made);
        this.pool = options.threads() == 1 ? null : Executors.newFixedThreadPool(options.threads(), runnable -> {
            Thread thread = new Thread(runnable, "augury-encoder");
            thread.setDaemon(true);
            return thread;
        });
        // The hidden size is often symbolic in the graph's declared shape; one probe text settles it.
        this.dimension = workers.get(0).encode(List.of("dimension probe"))[0].length;
    }

    /** The bundled all-MiniLM-L6-v2 (int8), copied once to the temp folder, defaults otherwise. */
    public static OnnxEncoder bundled(int threads) {
        return bundled(Options.defaults(threads), defaultExtractDir());
    }

    /** The bundled all-MiniLM-L6-v2 (int8), copied once to {@code extractDir} (reused while its hash matches). */
    public static OnnxEncoder bundled(Options options, Path extractDir) {
        return fromClasspath(BUNDLED_MODEL_RESOURCE, BUNDLED_TOKENIZER_RESOURCE, options, extractDir);
    }

    /**
     * A model and tokenizer shipped as classpath resources. Both are copied to files under {@code extractDir}
     * (ONNX Runtime maps a file instead of holding a copy of the model on the Java heap).
     */
    public static OnnxEncoder fromClasspath(String modelResource, String tokenizerResource, Options options,
                                            Path extractDir) {
        Path model = ModelFiles.extract(modelResource, extractDir);
        Path tokenizer = ModelFiles.extract(tokenizerResource, extractDir);
        return new OnnxEncoder(model, tokenizer, options);
    }

    /** Any ONNX sentence encoder in a directory: {@code model.onnx} (or its only *.onnx) and {@code tokenizer.json}. */
    public static OnnxEncoder fromDirectory(Path dir, int threads) {
        return fromDirectory(dir, Options.defaults(threads));
    }

    public static OnnxEncoder fromDirectory(Path dir, Options options) {
        if (!Files.isDirectory(dir)) {
            throw new AuguryException("The model directory " + dir + " does not exist or is not a directory; "
                    + "--model needs a directory holding model.onnx and tokenizer.json.");
        }
        Path tokenizer = dir.resolve(TOKENIZER_FILE);
        Path model = findModel(dir);
        if (!Files.isRegularFile(tokenizer)) {
            throw new AuguryException("The model directory " + dir + " has no " + TOKENIZER_FILE
                    + "; put the HuggingFace tokenizer.json of the model next to " + model.getFileName() + ".");
        }
        return new OnnxEncoder(model, tokenizer, options);
    }

    private static Path findModel(Path dir) {
        Path named = dir.resolve(MODEL_FILE);
        if (Files.isRegularFile(named)) {
            return named;
        }
        List<Path> candidates;
        try (Stream<Path> files = Files.list(dir)) {
            candidates = files.filter(p -> p.getFileName().toString().endsWith(".onnx") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new AuguryException("Cannot list the model directory " + dir + ": " + e.getMessage(), e);
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (candidates.isEmpty()) {
            throw new AuguryException("The model directory " + dir + " has no ONNX model; expected " + MODEL_FILE
                    + " (or a single *.onnx file) and " + TOKENIZER_FILE + ".");
        }
        throw new AuguryException("The model directory " + dir + " holds several ONNX files " + candidates.stream()
                .map(p -> p.getFileName().toString()).toList() + " and no " + MODEL_FILE
                + "; rename the one to use to " + MODEL_FILE + ".");
    }

    private static Path defaultExtractDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "augury-models-" + System.getProperty("user.name", "user"));
    }

    /** A digest of the model and tokenizer bytes and of every setting that changes the vectors. */
    private static String modelId(Path model, Path tokenizer, Options options) {
        String settings = "pooling=" + POOLING + ";maxTokens=" + options.maxTokens()
                + ";batchSize=" + options.batchSize() + ";normalize=l2";
        String all = ModelFiles.sha256Hex(model) + "\n" + ModelFiles.sha256Hex(tokenizer) + "\n" + settings;
        return ModelFiles.sha256Hex(all.getBytes(StandardCharsets.UTF_8)).substring(0, MODEL_ID_HEX_DIGITS);
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    public Options options() {
        return options;
    }

    /**
     * One L2-normalized vector per text, in order. Texts are split into units of {@code batchSize} (sorted by
     * length first when batching, to keep padding small) and the units are shared among the workers. One call
     * at a time: a call already uses every worker.
     */
    @Override
    public synchronized float[][] encode(List<String> texts) {
        int n = texts.size();
        float[][] out = new float[n][];
        if (n == 0) {
            return out;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (options.batchSize() > 1) {
            Arrays.sort(order, Comparator.comparingInt(i -> texts.get(i).length()));
        }
        int units = (n + options.batchSize() - 1) / options.batchSize();
        AtomicInteger next = new AtomicInteger();
        if (pool == null || units == 1) {
            drain(workers.get(0), texts, order, units, next, out);
            return out;
        }
        List<Future<?>> running = new ArrayList<>();
        for (Worker worker : workers) {
            running.add(pool.submit(() -> drain(worker, texts, order, units, next, out)));
        }
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.forEach(f -> f.cancel(true));
                throw new IllegalStateException("Interrupted while encoding", e);
            } catch (ExecutionException e) {
                running.forEach(f -> f.cancel(true));
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException("Encoding failed", e.getCause());
            }
        }
        return out;
    }

    private void drain(Worker worker, List<String> texts, Integer[] order, int units, AtomicInteger next,
                       float[][] out) {
        int size = options.batchSize();
        for (int unit = next.getAndIncrement(); unit < units; unit = next.getAndIncrement()) {
            int from = unit * size;
            int to = Math.min(order.length, from + size);
            List<String> batch = new ArrayList<>(to - from);
            for (int k = from; k < to; k++) {
                batch.add(texts.get(order[k]));
            }
            float[][] vectors = worker.encode(batch);
            for (int k = from; k < to; k++) {
                out[order[k]] = vectors[k - from];
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
        workers.forEach(Worker::close);
    }

    /** One session and one tokenizer, used by one thread at a time. */
    private static final class Worker {
        private final OrtEnvironment env = OrtEnvironment.getEnvironment();
        private final OrtSession session;
        private final HuggingFaceTokenizer tokenizer;
        private final boolean wantsTokenTypes;
        private final String output;

        Worker(Path modelFile, Path tokenizerFile, int maxTokens) {
            try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
                opts.setIntraOpNumThreads(1);
                opts.setInterOpNumThreads(1);
                opts.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
                session = env.createSession(modelFile.toString(), opts);
            } catch (OrtException e) {
                throw new AuguryException("ONNX Runtime cannot load the model " + modelFile + ": " + e.getMessage(), e);
            }
            try {
                var inputs = session.getInputNames();
                for (String name : inputs) {
                    if (!name.equals(INPUT_IDS) && !name.equals(ATTENTION_MASK) && !name.equals(TOKEN_TYPE_IDS)) {
                        throw new AuguryException("The model " + modelFile + " wants an input '" + name
                                + "'; only input_ids, attention_mask and token_type_ids (BERT-style encoders) are supported.");
                    }
                }
                if (!inputs.contains(INPUT_IDS)) {
                    throw new AuguryException("The model " + modelFile + " has no input_ids input; it is not a sentence encoder.");
                }
                wantsTokenTypes = inputs.contains(TOKEN_TYPE_IDS);
                Map<String, NodeInfo> outputs = session.getOutputInfo();
                output = outputs.containsKey(LAST_HIDDEN_STATE) ? LAST_HIDDEN_STATE : outputs.keySet().iterator().next();
                if (!(outputs.get(output).getInfo() instanceof TensorInfo)) {
                    throw new AuguryException("The model output '" + output + "' of " + modelFile + " is not a tensor.");
                }
                tokenizer = HuggingFaceTokenizer.builder()
                        .optTokenizerPath(tokenizerFile)
                        .optAddSpecialTokens(true)
                        .optTruncation(true)
                        .optMaxLength(maxTokens)
                        // Padding is done here, per batch; the tokenizer file may ask for a fixed length.
                        .optPadding(false)
                        .build();
            } catch (OrtException | IOException | RuntimeException e) {
                close();
                if (e instanceof AuguryException augury) {
                    throw augury;
                }
                throw new AuguryException("Cannot load the tokenizer " + tokenizerFile + " for " + modelFile + ": "
                        + e.getMessage(), e);
            }
        }

        float[][] encode(List<String> batch) {
            int b = batch.size();
            long[][] ids = new long[b][];
            long[][] types = new long[b][];
            int t = 1;
            for (int i = 0; i < b; i++) {
                Encoding encoding = tokenizer.encode(batch.get(i));
                ids[i] = encoding.getIds();
                types[i] = encoding.getTypeIds();
                t = Math.max(t, ids[i].length);
            }
            long[] idFlat = new long[b * t];
            long[] maskFlat = new long[b * t];
            long[] typeFlat = new long[b * t];
            for (int i = 0; i < b; i++) {
                System.arraycopy(ids[i], 0, idFlat, i * t, ids[i].length);
                System.arraycopy(types[i], 0, typeFlat, i * t, types[i].length);
                Arrays.fill(maskFlat, i * t, i * t + ids[i].length, 1L);
            }
            long[] shape = {b, t};
            Map<String, OnnxTensor> inputs = new HashMap<>();
            try {
                inputs.put(INPUT_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(idFlat), shape));
                if (session.getInputNames().contains(ATTENTION_MASK)) {
                    inputs.put(ATTENTION_MASK, OnnxTensor.createTensor(env, LongBuffer.wrap(maskFlat), shape));
                }
                if (wantsTokenTypes) {
                    inputs.put(TOKEN_TYPE_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(typeFlat), shape));
                }
                try (OrtSession.Result result = session.run(inputs, java.util.Set.of(output))) {
                    OnnxTensor tensor = (OnnxTensor) result.get(output).orElseThrow();
                    long[] outShape = tensor.getInfo().getShape();
                    return pool(tensor.getFloatBuffer(), outShape, maskFlat, b, t);
                }
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime failed to encode a batch of " + b + " texts", e);
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
        }

        /** Mean over the tokens the mask keeps ([B,T,H]) or the model's own pooled vector ([B,H]); then L2. */
        private static float[][] pool(FloatBuffer hidden, long[] shape, long[] mask, int b, int t) {
            float[][] out = new float[b][];
            if (shape.length == 2) {
                int h = (int) shape[1];
                for (int i = 0; i < b; i++) {
                    double[] sum = new double[h];
                    for (int j = 0; j < h; j++) {
                        sum[j] = hidden.get(i * h + j);
                    }
                    out[i] = normalize(sum);
                }
                return out;
            }
            if (shape.length != 3 || shape[1] != t) {
                throw new IllegalStateException("Unexpected encoder output shape " + Arrays.toString(shape));
            }
            int h = (int) shape[2];
            for (int i = 0; i < b; i++) {
                double[] sum = new double[h];
                int kept = 0;
                for (int k = 0; k < t; k++) {
                    if (mask[i * t + k] == 0) {
                        continue;
                    }
                    kept++;
                    int base = (i * t + k) * h;
                    for (int j = 0; j < h; j++) {
                        sum[j] += hidden.get(base + j);
                    }
                }
                for (int j = 0; j < h; j++) {
                    sum[j] /= Math.max(1, kept);
                }
                out[i] = normalize(sum);
            }
            return out;
        }

        private static float[] normalize(double[] v) {
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            float[] out = new float[v.length];
            if (norm == 0) {
                return out;
            }
            for (int j = 0; j < v.length; j++) {
                out[j] = (float) (v[j] / norm);
            }
            return out;
        }

        void close() {
            if (tokenizer != null) {
                tokenizer.close();
            }
            if (session != null) {
                try {
                    session.close();
                } catch (OrtException e) {
                    // Closing frees native memory; nothing to recover if it fails.
                }
            }
        }
    }

    /** Copying model resources to files and hashing them. */
    static final class ModelFiles {
        private ModelFiles() {
        }

        /**
         * Copies a classpath resource to {@code dir/<hash>-<name>} unless a file with the same bytes is already
         * there; concurrent processes each write a temp file and move it into place atomically.
         */
        static Path extract(String resource, Path dir) {
            String name = resource.substring(resource.lastIndexOf('/') + 1);
            try {
                Files.createDirectories(dir);
                Path temp = Files.createTempFile(dir, name, ".part");
                String hash;
                try {
                    java.security.MessageDigest digest = sha256();
                    try (InputStream in = OnnxEncoder.class.getResourceAsStream(resource)) {
                        if (in == null) {
                            throw new AuguryException("The model resource " + resource + " is not on the classpath; "
                                    + "the langchain4j all-MiniLM-L6-v2 artifact is missing from the build.");
                        }
                        try (var out = new java.security.DigestOutputStream(Files.newOutputStream(temp), digest)) {
                            in.transferTo(out);
                        }
                    }
                    hash = HexFormat.of().formatHex(digest.digest());
                    Path target = dir.resolve(hash.substring(0, MODEL_ID_HEX_DIGITS) + "-" + name);
                    if (Files.isRegularFile(target) && Files.size(target) == Files.size(temp)
                            && sha256Hex(target).equals(hash)) {
                        return target;
                    }
                    Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    return target;
                } finally {
                    Files.deleteIfExists(temp);
                }
            } catch (IOException e) {
                throw new AuguryException("Cannot copy the bundled model to " + dir + ": " + e.getMessage(), e);
            }
        }

        static String sha256Hex(Path file) {
            java.security.MessageDigest digest = sha256();
            byte[] buffer = new byte[1 << 16];
            try (InputStream in = Files.newInputStream(file)) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    digest.update(buffer, 0, read);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return HexFormat.of().formatHex(digest.digest());
        }

        static String sha256Hex(byte[] bytes) {
            return HexFormat.of().formatHex(sha256().digest(bytes));
        }

        static java.security.MessageDigest sha256() {
            try {
                return java.security.MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("Every Java platform has SHA-256", e);
            }
        }
    }
}
