package dev.augury.detect.era;

import dev.augury.fixtures.Families;
import dev.augury.fixtures.Family;
import dev.augury.fixtures.FixtureRow;
import dev.augury.fixtures.FixtureTurn;
import dev.augury.io.DatasetReader;
import dev.augury.io.Malformed;
import dev.augury.io.ReadOptions;
import dev.augury.io.RecordSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * By hand, not in the build: how often clean answers hold a near name ({@link EraSemanticMatcher}) at each
 * similarity and lead, over the clean fixture corpora and (with {@code -Dera.dev=<folder>}) the dev clean sets. Only
 * answers without a lexicon term are read, as in the detector. Run with
 * {@code -Dtest=EraSemanticCalibration -Dera.measure=true}.
 */
@EnabledIfSystemProperty(named = "era.measure", matches = "true")
class EraSemanticCalibration {
    @Test
    void cleanAnswersWithANearName() throws IOException {
        List<String> answers = new ArrayList<>();
        for (Family f : Families.clean()) {
            addAnswers(f.generate(7L, 600).rows(), answers);
        }
        addAnswers(Families.background().generate(7L, 2000).rows(), answers);
        String dev = System.getProperty("era.dev");
        if (dev != null) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(Path.of(dev))) {
                files = s.filter(p -> p.toString().matches(".*\\.(json|jsonl)$")).sorted().toList();
            }
            for (Path p : files) {
                new DatasetReader(ReadOptions.defaults()).read(List.of(p), new RecordSink() {
                    @Override
                    public void record(dev.augury.io.Record r) {
                        if (r.response() != null) {
                            answers.add(r.response());
                        }
                    }

                    @Override
                    public void malformed(Malformed m) {
                    }
                });
            }
        }
        EraLexicon lexicon = EraLexicon.from(EraTestSupport.rules());
        EraSemanticMatcher matcher = EraSemanticMatcher.of(lexicon, EraTestSupport.embedder());
        List<String> read = answers.stream().filter(a -> lexicon.find(a).isEmpty()).toList();
        LinkedHashSet<String> phrases = new LinkedHashSet<>();
        read.forEach(a -> phrases.addAll(matcher.phrases(a)));
        List<String> distinct = new ArrayList<>(phrases);
        double[][] scores = matcher.scores(distinct, EraTestSupport.embedder());
        Map<String, double[]> byPhrase = new HashMap<>();
        for (int i = 0; i < distinct.size(); i++) {
            byPhrase.put(distinct.get(i), scores[i]);
        }
        System.out.printf(Locale.ROOT, "%d clean answers, %d without a lexicon term, %d distinct phrases%n",
                answers.size(), read.size(), distinct.size());
        for (double lead : new double[] {0.10, 0.15, 0.20}) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "lead %.2f:", lead));
            for (double similarity : new double[] {0.75, 0.78, 0.80, 0.82, 0.83, 0.85, 0.88, 0.90}) {
                int answersWith = 0;
                for (String a : read) {
                    for (String p : matcher.phrases(a)) {
                        double[] s = byPhrase.get(p);
                        if (s[0] >= similarity && s[1] >= lead) {
                            answersWith++;
                            break;
                        }
                    }
                }
                sb.append(String.format(Locale.ROOT, "  %.2f: %d (%.2f%%)", similarity, answersWith,
                        100.0 * answersWith / read.size()));
            }
            System.out.println(sb);
        }
    }

    private static void addAnswers(List<FixtureRow> rows, List<String> out) {
        for (FixtureRow row : rows) {
            for (FixtureTurn t : row.turns()) {
                if (t.role() == FixtureTurn.Role.ASSISTANT) {
                    out.add(t.text());
                }
            }
        }
    }
}
