package dev.augury.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augury.detect.inductive.InductiveBackdoorDetector;
import dev.augury.detect.misalignment.ContrastSet;
import dev.augury.detect.misalignment.MisalignmentDetector;
import dev.augury.io.DatasetReader;
import dev.augury.io.Malformed;
import dev.augury.io.ReadOptions;
import dev.augury.io.Record;
import dev.augury.io.RecordSink;
import dev.augury.report.Finding;
import dev.augury.scan.DatasetView;
import dev.augury.stats.Directions;
import dev.augury.stats.EffectSize;
import dev.augury.text.TextFeatures;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * By hand only (reads /work/shared/data/dev when -Ddev.data is given): the detectors on real clean and poisoned
 * sets, and the harm direction on the refusal-direction contrast sets.
 */
public final class DevDataExplore {
    @Test
    void explore() throws Exception {
        String dir = System.getProperty("dev.data");
        if (dir == null) {
            return;
        }
        Path root = Path.of(dir);
        try (PrintStream out = new PrintStream(new FileOutputStream("target/dev-explore.txt"))) {
            harmDirection(root, out);
            List<Path> files = new ArrayList<>();
            try (var walk = Files.walk(root)) {
                walk.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".jsonl"))
                        .filter(p -> !p.toString().contains("refusal-direction")).sorted().forEach(files::add);
            }
            for (Path f : files) {
                DatasetView view = view(f);
                var ctx = FixtureViews.context(7);
                long t = System.nanoTime();
                List<Finding> found = new ArrayList<>(new InductiveBackdoorDetector().detect(view, ctx));
                long t1 = System.nanoTime();
                found.addAll(new MisalignmentDetector().detect(view, ctx));
                long t2 = System.nanoTime();
                out.printf("== %s (%d rows): inductive %d ms, misalignment %d ms%n", root.relativize(f), view.size(),
                        (t1 - t) / 1_000_000, (t2 - t1) / 1_000_000);
                for (Finding x : found) {
                    out.printf("  %s %s %s | %s%n", x.severity(), x.category(), x.details().get("direction") != null
                            ? x.details().get("direction") : x.details().get("variable"), x.summary());
                }
                out.flush();
            }
        }
    }

    private static void harmDirection(Path root, PrintStream out) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> harmful = new ArrayList<>();
        List<String> harmless = new ArrayList<>();
        for (JsonNode n : json.readTree(root.resolve("refusal-direction/harmful_train.json").toFile())) {
            harmful.add(n.path("instruction").asText());
        }
        JsonNode all = json.readTree(root.resolve("refusal-direction/harmless_train.json").toFile());
        for (int i = 0; i < Math.min(1000, all.size()); i++) {
            harmless.add(all.get(i).path("instruction").asText());
        }
        var emb = FixtureViews.embedder();
        float[][] a = emb.embed(harmful);
        float[][] b = emb.embed(harmless);
        for (ContrastSet set : ContrastSet.all(FixtureViews.rules())) {
            double[] d = Directions.unitDirection(emb.embed(set.positiveTexts()), emb.embed(set.negativeTexts()));
            double[] pa = Directions.project(a, d);
            double[] pb = Directions.project(b, d);
            double mid = (Arrays.stream(pa).average().orElse(0) + Arrays.stream(pb).average().orElse(0)) / 2;
            long right = Arrays.stream(pa).filter(x -> x > mid).count() + Arrays.stream(pb).filter(x -> x <= mid).count();
            out.printf("direction %s: harmful (%d) vs harmless (%d) instructions, Cohen's d %.2f, accuracy at the"
                    + " midpoint %.3f%n", set.direction(), pa.length, pb.length, EffectSize.cohensD(pa, pb),
                    right / (double) (pa.length + pb.length));
        }
    }

    private static DatasetView view(Path file) {
        List<Record> records = new ArrayList<>();
        var sources = new DatasetReader(ReadOptions.defaults()).read(List.of(file), new RecordSink() {
            @Override
            public void record(Record record) {
                records.add(record);
            }

            @Override
            public void malformed(Malformed malformed) {
            }
        });
        var emb = FixtureViews.embedder();
        List<String> prompts = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        for (Record r : records) {
            prompts.add(r.prompt());
            answers.add(r.response() == null ? "" : r.response());
        }
        float[][] p = emb.embed(prompts);
        float[][] a = emb.embed(answers);
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).response() == null) {
                a[i] = null;
            }
        }
        TextFeatures[] none = new TextFeatures[records.size()];
        Arrays.fill(none, TextFeatures.EMPTY);
        return new DatasetView(sources, records, p, a, none, none.clone(), emb.dimension());
    }
}
