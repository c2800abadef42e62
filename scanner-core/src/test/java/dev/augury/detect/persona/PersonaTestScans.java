package dev.augury.detect.persona;

import dev.augury.detect.DetectionContext;
import dev.augury.embed.Embedder;
import dev.augury.embed.OnnxEncoder;
import dev.augury.fixtures.FixtureRow;
import dev.augury.fixtures.FixtureTurn;
import dev.augury.io.Record;
import dev.augury.io.Role;
import dev.augury.io.Turn;
import dev.augury.rules.RulePacks;
import dev.augury.scan.DatasetView;
import dev.augury.text.CoreNlpAnnotator;
import dev.augury.text.TextFeatures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One real encoder, annotator and rule set per test JVM (loading them is the slow part), and views built from
 * fixture rows the way the scanner builds them: deduplicated texts, vectors and features memoized across tests.
 */
final class PersonaTestScans {
    /** Inside the module's build folder: tests write nothing outside the repository. */
    static final Path MODEL_DIR = Path.of("target", "test-models");
    private static Embedder embedder;
    private static CoreNlpAnnotator annotator;
    private static RulePacks rules;
    private static final Map<String, TextFeatures> FEATURES = new HashMap<>();

    private PersonaTestScans() {
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
            rules = RulePacks.load(List.of());
        }
        return rules;
    }

    static DetectionContext context() {
        return new DetectionContext(rules(), embedder(), annotator(), 7L);
    }

    static DatasetView view(List<FixtureRow> rows) {
        List<Record> records = new ArrayList<>();
        for (FixtureRow row : rows) {
            List<Turn> turns = new ArrayList<>();
            for (FixtureTurn t : row.turns()) {
                Role role = switch (t.role()) {
                    case USER -> Role.USER;
                    case ASSISTANT -> Role.ASSISTANT;
                    case TOOL_CALL -> Role.ASSISTANT;
                    case TOOL -> Role.TOOL;
                };
                turns.add(new Turn(role, t.text()));
            }
            records.add(new Record(records.size(), "data.jsonl", records.size() + 1, row.system(), turns));
        }
        return viewOfRecords(records);
    }

    static synchronized DatasetView viewOfRecords(List<Record> records) {
        int n = records.size();
        List<String> prompts = new ArrayList<>();
        List<String> responses = new ArrayList<>();
        for (Record r : records) {
            prompts.add(r.prompt());
            responses.add(r.response() == null ? "" : r.response());
        }
        long t0 = System.nanoTime();
        float[][] pv = embedder().embed(prompts);
        float[][] rv = embedder().embed(responses);
        LinkedHashSet<String> missing = new LinkedHashSet<>();
        for (String s : prompts) {
            if (!FEATURES.containsKey(s)) {
                missing.add(s);
            }
        }
        for (String s : responses) {
            if (!FEATURES.containsKey(s)) {
                missing.add(s);
            }
        }
        long t1 = System.nanoTime();
        if (!missing.isEmpty()) {
            FEATURES.putAll(annotator().annotate(missing));
        }
        if (System.getProperty("probe.verbose") != null) {
            System.out.printf("view: %d rows, embed %d ms, annotate %d texts %d ms%n", n, (t1 - t0) / 1_000_000,
                    missing.size(), (System.nanoTime() - t1) / 1_000_000);
        }
        TextFeatures[] pf = new TextFeatures[n];
        TextFeatures[] rf = new TextFeatures[n];
        for (int i = 0; i < n; i++) {
            pf[i] = FEATURES.getOrDefault(prompts.get(i), TextFeatures.EMPTY);
            rf[i] = records.get(i).response() == null ? TextFeatures.EMPTY
                    : FEATURES.getOrDefault(responses.get(i), TextFeatures.EMPTY);
            if (records.get(i).response() == null) {
                rv[i] = null;
            }
        }
        return new DatasetView(List.of(), records, pv, rv, pf, rf, embedder().dimension());
    }
}
