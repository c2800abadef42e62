package dev.augury.scan;

import dev.augury.io.DatasetSource;
import dev.augury.io.Record;
import dev.augury.text.TextFeatures;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The dataset as detectors see it: columnar, read-only. Row {@code i} is {@code records().get(i)}. Vectors
 * are L2-normalized; identical texts share one vector instance. Prompt-only rows have a null response, a null
 * response vector and empty response features.
 */
public final class DatasetView {
    private final List<DatasetSource> sources;
    private final List<Record> records;
    private final String[] prompts;
    private final String[] responses;
    private final String[] systems;
    private final float[][] promptVectors;
    private final float[][] responseVectors;
    private final CompletableFuture<Features> features;
    private final int dimension;

    /** The language features of the prompts and answers, one entry per record each. */
    public record Features(TextFeatures[] prompts, TextFeatures[] responses) {
    }

    public DatasetView(List<DatasetSource> sources, List<Record> records, float[][] promptVectors,
                       float[][] responseVectors, TextFeatures[] promptFeatures, TextFeatures[] responseFeatures,
                       int dimension) {
        this(sources, records, promptVectors, responseVectors,
                CompletableFuture.completedFuture(new Features(promptFeatures, responseFeatures)), dimension);
    }

    /**
     * A view whose language features may still be computing: a detector that reads them waits for them, the
     * others (and the parts of a detector before its first read) run meanwhile.
     */
    public DatasetView(List<DatasetSource> sources, List<Record> records, float[][] promptVectors,
                       float[][] responseVectors, CompletableFuture<Features> features, int dimension) {
        int n = records.size();
        if (promptVectors.length != n || responseVectors.length != n) {
            throw new IllegalArgumentException("columns must all have one entry per record");
        }
        this.features = features.thenApply(f -> {
            if (f.prompts().length != n || f.responses().length != n) {
                throw new IllegalArgumentException("columns must all have one entry per record");
            }
            return f;
        });
        if (features.isDone()) {
            features();
        }
        this.sources = List.copyOf(sources);
        this.records = List.copyOf(records);
        this.prompts = new String[n];
        this.responses = new String[n];
        this.systems = new String[n];
        for (int i = 0; i < n; i++) {
            Record r = records.get(i);
            prompts[i] = r.prompt();
            responses[i] = r.response();
            systems[i] = r.system();
        }
        this.promptVectors = promptVectors;
        this.responseVectors = responseVectors;
        this.dimension = dimension;
    }

    public int size() {
        return records.size();
    }

    public List<DatasetSource> sources() {
        return sources;
    }

    public List<Record> records() {
        return records;
    }

    public Record record(int i) {
        return records.get(i);
    }

    public String prompt(int i) {
        return prompts[i];
    }

    /** The final answer, or null for a prompt-only row. */
    public String response(int i) {
        return responses[i];
    }

    /** The system prompt, or null. */
    public String system(int i) {
        return systems[i];
    }

    public boolean hasResponse(int i) {
        return responses[i] != null;
    }

    /** Number of rows that have an answer. */
    public int responseCount() {
        int n = 0;
        for (String r : responses) {
            if (r != null) {
                n++;
            }
        }
        return n;
    }

    public float[] promptVector(int i) {
        return promptVectors[i];
    }

    /** The answer's vector, or null for a prompt-only row. */
    public float[] responseVector(int i) {
        return responseVectors[i];
    }

    public TextFeatures promptFeatures(int i) {
        return features().prompts()[i];
    }

    public TextFeatures responseFeatures(int i) {
        return features().responses()[i];
    }

    /** Waits until the features are computed or have failed, without throwing. */
    public void awaitFeatures() {
        features.handle((f, e) -> null).join();
    }

    /** The features, waiting for them if they are still computing; their failure is rethrown as it was. */
    public Features features() {
        try {
            return features.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    public int dimension() {
        return dimension;
    }
}
