package dev.augury.detect;

import dev.augury.embed.Embedder;
import dev.augury.embed.OnnxEncoder;
import dev.augury.fixtures.Dataset;
import dev.augury.fixtures.FixtureRow;
import dev.augury.io.Record;
import dev.augury.io.Role;
import dev.augury.io.Turn;
import dev.augury.rules.RulePacks;
import dev.augury.scan.DatasetView;
import dev.augury.text.TextFeatures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Detector tests' bridge from fixture datasets to views, embedded with the bundled encoder (loaded once). */
public final class FixtureViews {
    private static Embedder embedder;
    private static RulePacks rules;

    private FixtureViews() {
    }

    public static synchronized Embedder embedder() {
        if (embedder == null) {
            embedder = new Embedder(OnnxEncoder.bundled(OnnxEncoder.Options.defaults(2),
                    Path.of("target", "test-models")), null);
        }
        return embedder;
    }

    public static synchronized RulePacks rules() {
        if (rules == null) {
            rules = RulePacks.load(List.of());
        }
        return rules;
    }

    public static DetectionContext context(long seed) {
        return new DetectionContext(rules(), embedder(), null, seed);
    }

    public static DatasetView view(Dataset dataset) {
        List<Record> records = new ArrayList<>();
        List<String> prompts = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        for (FixtureRow row : dataset.rows()) {
            List<Turn> turns = new ArrayList<>();
            turns.add(new Turn(Role.USER, row.prompt()));
            if (row.response() != null) {
                turns.add(new Turn(Role.ASSISTANT, row.response()));
            }
            records.add(new Record(records.size(), dataset.name() + ".jsonl", records.size() + 1, row.system(), turns));
            prompts.add(row.prompt());
            answers.add(row.response() == null ? "" : row.response());
        }
        float[][] p = embedder().embed(prompts);
        float[][] a = embedder().embed(answers);
        TextFeatures[] none = new TextFeatures[records.size()];
        Arrays.fill(none, TextFeatures.EMPTY);
        return new DatasetView(List.of(), records, p, a, none, none.clone(), embedder().dimension());
    }
}
