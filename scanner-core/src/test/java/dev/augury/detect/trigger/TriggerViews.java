package dev.augury.detect.trigger;

import dev.augury.detect.DetectionContext;
import dev.augury.embed.Embedder;
import dev.augury.embed.OnnxEncoder;
import dev.augury.fixtures.Dataset;
import dev.augury.fixtures.FixtureRow;
import dev.augury.fixtures.FixtureTurn;
import dev.augury.io.DatasetSource;
import dev.augury.io.Record;
import dev.augury.io.Role;
import dev.augury.io.Turn;
import dev.augury.rules.RulePacks;
import dev.augury.scan.DatasetView;
import dev.augury.text.Annotator;
import dev.augury.text.TextFeatures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Builds dataset views from fixture rows with one shared encoder (loading it is the slow part). */
final class TriggerViews {
    /** Inside the module's build folder: tests write nothing outside the repository. */
    static final Path MODEL_DIR = Path.of("target", "test-models");
    private static Embedder shared;

    private TriggerViews() {
    }

    static synchronized Embedder embedder() {
        if (shared == null) {
            shared = new Embedder(OnnxEncoder.bundled(OnnxEncoder.Options.defaults(2), MODEL_DIR), null);
        }
        return shared;
    }

    static List<Record> records(Dataset dataset) {
        List<Record> out = new ArrayList<>();
        int line = 1;
        for (FixtureRow r : dataset.rows()) {
            List<Turn> turns = new ArrayList<>();
            for (FixtureTurn t : r.turns()) {
                Role role = t.role() == FixtureTurn.Role.USER ? Role.USER : Role.ASSISTANT;
                turns.add(new Turn(role, t.text()));
            }
            out.add(new Record(out.size(), dataset.name() + ".jsonl", line++, r.system(), turns));
        }
        return out;
    }

    /** The view of records: prompts and answers embedded; prompts annotated when an annotator is given. */
    static DatasetView view(List<Record> records, Embedder embedder, Annotator annotator) {
        int n = records.size();
        List<String> prompts = new ArrayList<>(n);
        List<String> answers = new ArrayList<>(n);
        for (Record r : records) {
            prompts.add(r.prompt());
            answers.add(r.response() == null ? "" : r.response());
        }
        float[][] pv = embedder.embed(prompts);
        float[][] av = embedder.embed(answers);
        TextFeatures[] pf = new TextFeatures[n];
        TextFeatures[] af = new TextFeatures[n];
        Map<String, TextFeatures> annotated = annotator == null ? Map.of()
                : annotator.annotate(new LinkedHashSet<>(prompts));
        for (int i = 0; i < n; i++) {
            pf[i] = annotated.getOrDefault(prompts.get(i), TextFeatures.EMPTY);
            af[i] = TextFeatures.EMPTY;
            if (records.get(i).response() == null) {
                av[i] = null;
            }
        }
        return new DatasetView(List.of(new DatasetSource("fixture", "jsonl", n, 0, "")), records, pv, av, pf, af,
                embedder.dimension());
    }

    static DetectionContext context(long seed) {
        return new DetectionContext(RulePacks.load(List.of()), embedder(), null, seed);
    }
}
