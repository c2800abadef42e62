package dev.augury.scan;

import dev.augury.io.DatasetSource;
import dev.augury.io.Record;
import dev.augury.text.TextFeatures;
import java.util.List;

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
    private final TextFeatures[] promptFeatures;
    private final TextFeatures[] responseFeatures;
    private final int dimension;

    public DatasetView(List<DatasetSource> sources, List<Record> records, float[][] promptVectors,
                       float[][] responseVectors, TextFeatures[] promptFeatures, TextFeatures[] responseFeatures,
                       int dimension) {
        int n = records.size();
        if (promptVectors.length != n || responseVectors.length != n || promptFeatures.length != n
                || responseFeatures.length != n) {
            throw new IllegalArgumentException("columns must all have one entry per record");
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
        this.promptFeatures = promptFeatures;
        this.responseFeatures = responseFeatures;
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
        return promptFeatures[i];
    }

    public TextFeatures responseFeatures(int i) {
        return responseFeatures[i];
    }

    public int dimension() {
        return dimension;
    }
}
