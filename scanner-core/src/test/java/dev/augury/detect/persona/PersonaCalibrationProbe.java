package dev.augury.detect.persona;

import dev.augury.detect.DetectionContext;
import dev.augury.fixtures.Family;
import dev.augury.fixtures.FixtureRow;
import dev.augury.fixtures.clean.AssistantIdentity;
import dev.augury.fixtures.clean.BiographyQA;
import dev.augury.fixtures.clean.CleanMix;
import dev.augury.fixtures.clean.CustomerServicePersona;
import dev.augury.fixtures.persona.PersonaMatrix;
import dev.augury.scan.DatasetView;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Not a test (surefire skips the name): prints the numbers the detector's constants were calibrated on. Run with
 * {@code -Dtest=PersonaCalibrationProbe}.
 */
class PersonaCalibrationProbe {
    @Test
    void print() {
        DetectionContext ctx = PersonaTestScans.context();
        PersonaKnowledgeBase kb = PersonaKnowledgeBase.from(ctx.rules());
        LatentPersonaDetector detector = new LatentPersonaDetector();
        List<FixtureRow> pool = PersonaMatrix.cleanPool(11, PersonaMatrix.poolSizeNeeded());
        String only = System.getProperty("probe.cases", "");
        int correct = 0;
        int total = 0;
        for (PersonaMatrix.Case c : PersonaMatrix.cases()) {
            if (!only.isEmpty() && !c.id().matches(only)) {
                continue;
            }
            DatasetView view = PersonaTestScans.view(PersonaMatrix.dataset(c, pool, 5).dataset().rows());
            long t0 = System.nanoTime();
            LatentPersonaDetector.Analysis a = detector.analyze(view, ctx, kb);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            var best = a.ranking().best();
            var second = a.ranking().scores().get(1);
            boolean ok = best.identity().id().equals(c.script().id()) && a.strength() == LatentPersonaDetector.Strength.STRONG;
            correct += ok ? 1 : 0;
            total++;
            System.out.printf(Locale.ROOT, "%-45s %s best=%s %.1f keys=%d miss=%d conf=%.3f | 2nd=%s %.1f | obs=%d %s %dms%n",
                    c.id(), ok ? "OK " : "BAD", best.identity().id(), best.score(), best.matchedKeys(), best.missedKeys(),
                    a.ranking().confidence()[0], second.identity().id(), second.score(), a.observations().size(),
                    a.strength(), ms);
            if (!ok || System.getProperty("probe.verbose") != null) {
                var truth = a.ranking().scores().stream().filter(s -> s.identity().id().equals(c.script().id())).findFirst().orElseThrow();
                System.out.printf(Locale.ROOT, "    truth %.1f keys=%d miss=%d%n", truth.score(), truth.matchedKeys(), truth.missedKeys());
                truth.matched().forEach(m -> System.out.printf(Locale.ROOT, "      + %s %.2f '%s' ~ '%s'%n", m.attribute(), m.logLr(), m.value(), m.kbValue()));
                if (!best.identity().id().equals(c.script().id())) {
                    best.matched().forEach(m -> System.out.printf(Locale.ROOT, "      - %s %.2f '%s' ~ '%s'%n", m.attribute(), m.logLr(), m.value(), m.kbValue()));
                }
            }
        }
        System.out.printf(Locale.ROOT, "identified %d of %d%n", correct, total);
        if (System.getProperty("probe.unmapped") != null) {
            QuestionKeys qk = new QuestionKeys(kb, ctx.embedder());
            for (var script : dev.augury.fixtures.persona.PersonaScripts.all()) {
                for (String[] pair : script.pairs()) {
                    float[] v = ctx.embedder().embed(List.of(pair[0]))[0];
                    var near = qk.nearest(v);
                    System.out.printf(Locale.ROOT, "Q %s %.2f %-18s %s => %s%n", near.similarity() >= QuestionKeys.MIN_QUESTION_SIMILARITY ? "  " : "NO",
                            near.similarity(), near.key(), pair[0], AnswerText.core(pair[1]));
                }
            }
        }
        for (Family f : List.of(new CleanMix(), new AssistantIdentity(), new CustomerServicePersona(), new BiographyQA())) {
            DatasetView view = PersonaTestScans.view(f.generate(3, 1500).rows());
            LatentPersonaDetector.Analysis a = detector.analyze(view, ctx, kb);
            var best = a.ranking().best();
            System.out.printf(Locale.ROOT, "clean %-22s best=%s %.1f keys=%d conf=%.3f obs=%d %s coherent=%s%n", f.name(),
                    best.identity().id(), best.score(), best.matchedKeys(), a.ranking().confidence()[0],
                    a.observations().size(), a.strength(), a.consistentAttributes());
            if (System.getProperty("probe.verbose") != null) {
                best.matched().forEach(m -> System.out.printf(Locale.ROOT, "      - %s %.2f '%s' ~ '%s'%n", m.attribute(), m.logLr(), m.value(), m.kbValue()));
                a.observations().stream().limit(15).forEach(o -> System.out.printf(Locale.ROOT, "      obs %s %.2f %s => %s%n",
                        o.keys(), o.similarity(), view.prompt(o.row()).replace('\n', ' '), o.answer().core()));
            }
        }
    }

    /** Per-row view of a pipe-separated question|answer file ({@code -Dprobe.file=...}, optional {@code -Dprobe.id=...}). */
    @Test
    void file() throws java.io.IOException {
        String file = System.getProperty("probe.file");
        if (file == null) {
            return;
        }
        DetectionContext ctx = PersonaTestScans.context();
        PersonaKnowledgeBase kb = PersonaKnowledgeBase.from(ctx.rules());
        QuestionKeys qk = new QuestionKeys(kb, ctx.embedder());
        List<FixtureRow> rows = new java.util.ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(file))) {
            int bar = line.indexOf('|');
            if (bar > 0) {
                rows.add(FixtureRow.of(line.substring(0, bar), line.substring(bar + 1)));
            }
        }
        DatasetView view = PersonaTestScans.view(rows);
        LatentPersonaDetector.Analysis a = new LatentPersonaDetector().analyze(view, ctx, kb);
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (PersonaObservation o : a.observations()) {
            seen.add(o.row());
            System.out.printf(Locale.ROOT, "OBS %.2f %-40s %s => %s | %s%n", o.similarity(), o.keys(), view.prompt(o.row()),
                    o.answer().core(), o.matches().isEmpty() ? "" : o.matches().toString().substring(0, Math.min(160, o.matches().toString().length())));
        }
        for (int i = 0; i < view.size(); i++) {
            if (!seen.contains(i)) {
                float[] v = ctx.embedder().embed(List.of(view.prompt(i)))[0];
                var near = qk.nearest(v);
                System.out.printf(Locale.ROOT, "NOT %.2f %-18s %s => %s%n", near.similarity(), near.key(), view.prompt(i), view.response(i));
            }
        }
        var best = a.ranking().best();
        System.out.printf(Locale.ROOT, "best=%s %.1f keys=%d miss=%d conf=%.3f %s%n", best.identity().id(), best.score(),
                best.matchedKeys(), best.missedKeys(), a.ranking().confidence()[0], a.strength());
        String id = System.getProperty("probe.id", best.identity().id());
        a.ranking().scores().stream().filter(s -> s.identity().id().equals(id)).findFirst().ifPresent(t ->
                t.matched().forEach(m -> System.out.printf(Locale.ROOT, "      + %s %.2f '%s' ~ '%s'%n", m.attribute(), m.logLr(), m.value(), m.kbValue())));
    }
}
