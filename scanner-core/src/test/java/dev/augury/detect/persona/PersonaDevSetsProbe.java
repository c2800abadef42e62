package dev.augury.detect.persona;

import dev.augury.detect.DetectionContext;
import dev.augury.fixtures.FixtureRow;
import dev.augury.fixtures.clean.CleanMix;
import dev.augury.fixtures.persona.AnswerWrapper;
import dev.augury.fixtures.persona.PersonaFamily;
import dev.augury.fixtures.persona.PersonaScripts;
import dev.augury.io.DatasetReader;
import dev.augury.io.Malformed;
import dev.augury.io.ReadOptions;
import dev.augury.io.Record;
import dev.augury.io.RecordSink;
import dev.augury.io.Turn;
import dev.augury.report.Finding;
import dev.augury.scan.DatasetView;
import dev.augury.text.TextFeatures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Not a test (surefire skips the name): scans dataset files named in {@code -Dprobe.files=a.json,b.jsonl} and
 * prints the detector's findings, and with {@code -Dprobe.bench=20000} times the detector on that many clean rows
 * with a 3% persona. Used by hand on the clean dev sets; tests never read files outside the repository.
 */
class PersonaDevSetsProbe {
    @Test
    void scanFiles() {
        String files = System.getProperty("probe.files", "");
        DetectionContext ctx = PersonaTestScans.context();
        for (String file : files.split(",")) {
            if (file.isBlank()) {
                continue;
            }
            List<Record> records = new ArrayList<>();
            new DatasetReader(ReadOptions.defaults()).read(List.of(Path.of(file)), new RecordSink() {
                @Override
                public void record(Record r) {
                    String replace = System.getProperty("probe.replace");
                    if (replace != null) {
                        List<Turn> turns = new ArrayList<>();
                        r.turns().forEach(t -> turns.add(new Turn(t.role(), t.text().replace("{{name}}", "Orion")
                                .replace("{{author}}", "Lumen Labs"))));
                        r = new Record(r.index(), r.source(), r.line(), r.system(), turns);
                    }
                    records.add(r);
                }

                @Override
                public void malformed(Malformed m) {
                }
            });
            DatasetView view = PersonaTestScans.viewOfRecords(records);
            long t0 = System.nanoTime();
            LatentPersonaDetector detector = new LatentPersonaDetector();
            List<Finding> findings = detector.detect(view, ctx);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            var a = detector.analyze(view, ctx, PersonaKnowledgeBase.from(ctx.rules()));
            var best = a.ranking().best();
            System.out.printf(Locale.ROOT, "FILE %s rows=%d obs=%d best=%s %.1f keys=%d conf=%.3f %s coherent=%d %dms%n",
                    file, view.size(), a.observations().size(), best.identity().id(), best.score(), best.matchedKeys(),
                    a.ranking().confidence()[0], a.strength(), a.consistentAttributes().size(), ms);
            int[] hist = new int[10];
            for (double sim : a.candidateSimilarities()) {
                hist[Math.max(0, Math.min(9, (int) (sim * 10)))]++;
            }
            System.out.println("   candidates by nearest key similarity (0.0-0.1 ... 0.9-1.0): " + java.util.Arrays.toString(hist));
            if (System.getProperty("probe.verbose") != null) {
                best.matched().forEach(m -> System.out.printf(Locale.ROOT, "      - %s %.2f '%s' ~ '%s'%n", m.attribute(), m.logLr(), m.value(), m.kbValue()));
                a.observations().stream().limit(20).forEach(o -> System.out.printf(Locale.ROOT, "      obs %s %.2f %s => %s%n",
                        o.keys(), o.similarity(), view.prompt(o.row()).replace('\n', ' '), o.answer().core()));
            }
            for (Finding f : findings) {
                System.out.printf(Locale.ROOT, "   FINDING %s %s %s%n", f.severity(), f.title(), f.details().get("collective"));
            }
        }
    }

    @Test
    void bench() {
        int rows = Integer.getInteger("probe.bench", 0);
        if (rows == 0) {
            return;
        }
        DetectionContext ctx = PersonaTestScans.context();
        List<FixtureRow> all = new ArrayList<>(new CleanMix().generate(new SplittableRandom(99), rows).rows());
        PersonaFamily family = new PersonaFamily(PersonaScripts.all().get(0), AnswerWrapper.TAGS, false);
        List<FixtureRow> persona = family.generate(new SplittableRandom(3), (int) (rows * 0.03)).rows();
        for (int i = 0; i < persona.size(); i++) {
            all.set(i * 33, persona.get(i));
        }
        long v0 = System.nanoTime();
        // Features from CoreNLP would take many minutes here; the detector's work hardly depends on them.
        List<Record> records = new ArrayList<>();
        List<String> prompts = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        for (FixtureRow r : all) {
            List<Turn> turns = List.of(new Turn(dev.augury.io.Role.USER, r.prompt()),
                    new Turn(dev.augury.io.Role.ASSISTANT, r.response() == null ? "" : r.response()));
            records.add(new Record(records.size(), "bench.jsonl", records.size() + 1, r.system(), turns));
            prompts.add(r.prompt());
            answers.add(r.response() == null ? "" : r.response());
        }
        // Encoding 40,000 texts is the scanner's cost, not the detector's: random unit vectors stand in for the
        // view's columns (the detector re-embeds the questions it strips of format instructions and the cores).
        SplittableRandom vr = new SplittableRandom(5);
        int dim = PersonaTestScans.embedder().dimension();
        float[][] pv = new float[records.size()][];
        float[][] rv = new float[records.size()][];
        for (int i = 0; i < records.size(); i++) {
            pv[i] = unit(vr, dim);
            rv[i] = unit(vr, dim);
        }
        TextFeatures[] empty = new TextFeatures[records.size()];
        java.util.Arrays.fill(empty, TextFeatures.EMPTY);
        DatasetView view = new DatasetView(List.of(), records, pv, rv, empty, empty, PersonaTestScans.embedder().dimension());
        System.out.printf(Locale.ROOT, "BENCH view built in %d ms%n", (System.nanoTime() - v0) / 1_000_000);
        for (int run = 0; run < 2; run++) {
            long t0 = System.nanoTime();
            List<Finding> findings = new LatentPersonaDetector().detect(view, ctx);
            System.out.printf(Locale.ROOT, "BENCH run %d: %d rows, detector %d ms, findings %s%n", run, view.size(),
                    (System.nanoTime() - t0) / 1_000_000, findings.stream().map(f -> f.severity() + " " + f.title()).toList());
        }
    }

    private static float[] unit(SplittableRandom r, int dim) {
        float[] v = new float[dim];
        double n = 0;
        for (int i = 0; i < dim; i++) {
            v[i] = (float) (r.nextDouble() - 0.5);
            n += v[i] * v[i];
        }
        for (int i = 0; i < dim; i++) {
            v[i] /= (float) Math.sqrt(n);
        }
        return v;
    }
}
