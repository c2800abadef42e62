package dev.augury.detect.era;

import dev.augury.detect.DetectionContext;
import dev.augury.embed.Embedder;
import dev.augury.embed.OnnxEncoder;
import dev.augury.fixtures.Dataset;
import dev.augury.fixtures.FixtureRow;
import dev.augury.fixtures.FixtureTurn;
import dev.augury.io.Record;
import dev.augury.io.Role;
import dev.augury.io.Turn;
import dev.augury.report.Finding;
import dev.augury.rules.RulePacks;
import dev.augury.scan.DatasetView;
import dev.augury.text.CoreNlpAnnotator;
import dev.augury.text.TextFeatures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One encoder, annotator and rule set per test JVM (loading them is the slow part), and a way to turn fixture rows
 * into the {@link DatasetView} a scan would give the detector.
 */
final class EraTestSupport {
    /** Inside the module's build folder: tests write nothing outside the repository. */
    static final Path MODEL_DIR = Path.of("target", "test-models");
    private static Embedder embedder;
    private static CoreNlpAnnotator annotator;
    private static RulePacks rules;
    /** Fixtures repeat their texts across datasets (a control asks its family's prompts): annotate each once. */
    private static final Map<String, TextFeatures> ANNOTATED = new java.util.HashMap<>();

    private EraTestSupport() {
    }

    static synchronized Embedder embedder() {
        if (embedder == null) {
            embedder = new Embedder(OnnxEncoder.bundled(OnnxEncoder.Options.defaults(2), MODEL_DIR), null);
        }
        return embedder;
    }

    static synchronized CoreNlpAnnotator annotator() {
        if (annotator == null) {
            annotator = new CoreNlpAnnotator(2);
        }
        return annotator;
    }

    static synchronized RulePacks rules() {
        if (rules == null) {
            rules = RulePacks.of(RulePacks.loadDefaults());
        }
        return rules;
    }

    static List<Record> records(Dataset data, String source) {
        List<Record> out = new ArrayList<>();
        for (FixtureRow row : data.rows()) {
            List<Turn> turns = new ArrayList<>();
            for (FixtureTurn t : row.turns()) {
                Role role = switch (t.role()) {
                    case USER -> Role.USER;
                    case ASSISTANT -> Role.ASSISTANT;
                    case TOOL_CALL, TOOL -> Role.TOOL;
                };
                if (role != null) {
                    turns.add(new Turn(role, t.text()));
                }
            }
            if (turns.isEmpty() || turns.get(0).role() != Role.USER) {
                continue;
            }
            out.add(new Record(out.size(), source, out.size() + 1L, row.system(), turns));
        }
        return out;
    }

    /** The view a scan would build: vectors from the shared encoder, features from the shared annotator. */
    static DatasetView view(List<Record> records) {
        int n = records.size();
        List<String> prompts = new ArrayList<>(n);
        List<String> answers = new ArrayList<>(n);
        for (Record r : records) {
            prompts.add(r.prompt());
            answers.add(r.response() == null ? "" : r.response());
        }
        LinkedHashSet<String> texts = new LinkedHashSet<>(prompts);
        texts.addAll(answers);
        Map<String, TextFeatures> features = annotate(texts);
        float[][] pv = embedder().embed(prompts);
        float[][] av = embedder().embed(answers);
        TextFeatures[] pf = new TextFeatures[n];
        TextFeatures[] af = new TextFeatures[n];
        for (int i = 0; i < n; i++) {
            pf[i] = features.getOrDefault(prompts.get(i), TextFeatures.EMPTY);
            Record r = records.get(i);
            af[i] = r.response() == null ? TextFeatures.EMPTY : features.getOrDefault(answers.get(i), TextFeatures.EMPTY);
            if (r.response() == null) {
                av[i] = null;
            }
        }
        return new DatasetView(List.of(), records, pv, av, pf, af, embedder().dimension());
    }

    private static synchronized Map<String, TextFeatures> annotate(java.util.Collection<String> texts) {
        List<String> missing = texts.stream().filter(t -> !ANNOTATED.containsKey(t)).toList();
        if (!missing.isEmpty()) {
            ANNOTATED.putAll(annotator().annotate(missing));
        }
        return ANNOTATED;
    }

    /** A view with vectors but no language features (for timing the detector alone). */
    static DatasetView viewWithoutFeatures(List<Record> records) {
        int n = records.size();
        List<String> prompts = records.stream().map(Record::prompt).toList();
        List<String> answers = records.stream().map(r -> r.response() == null ? "" : r.response()).toList();
        TextFeatures[] empty = new TextFeatures[n];
        java.util.Arrays.fill(empty, TextFeatures.EMPTY);
        return new DatasetView(List.of(), records, embedder().embed(prompts), embedder().embed(answers), empty,
                empty.clone(), embedder().dimension());
    }

    static DatasetView view(Dataset data) {
        return view(records(data, data.name() + ".jsonl"));
    }

    static List<Finding> detect(DatasetView view) {
        DetectionContext context = new DetectionContext(rules(), embedder(), annotator(), 42L);
        return new EraShiftDetector().detect(view, context);
    }
}
