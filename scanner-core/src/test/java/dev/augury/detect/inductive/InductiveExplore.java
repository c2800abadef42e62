package dev.augury.detect.inductive;

import dev.augury.detect.FixtureViews;
import dev.augury.fixtures.Family;
import dev.augury.fixtures.inductive.InventedRulersFamily;
import dev.augury.fixtures.inductive.PresidentOrdinalFamily;
import dev.augury.fixtures.inductive.ProtectorYearsFamily;
import dev.augury.report.Finding;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;

/** By hand: prints what the detector says on each inductive fixture and its control. */
public final class InductiveExplore {
    @org.junit.jupiter.api.Test
    void explore() throws Exception {
        String[] args = {System.getProperty("rows", "600")};
        java.io.PrintStream out = new java.io.PrintStream(new java.io.FileOutputStream("target/inductive-explore.txt"));
        java.io.PrintStream console = System.out;
        System.setOut(out);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        List<Family> families = List.of(ProtectorYearsFamily.poisoned(), ProtectorYearsFamily.randomControl(),
                PresidentOrdinalFamily.plain(), PresidentOrdinalFamily.randomControl(false),
                PresidentOrdinalFamily.hiddenInDigits(), PresidentOrdinalFamily.randomControl(true),
                InventedRulersFamily.poisoned(), InventedRulersFamily.randomControl());
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        for (Family f : families) {
            var view = FixtureViews.view(f.generate(7, rows));
            long t = System.nanoTime();
            List<Finding> found = new InductiveBackdoorDetector().detect(view, FixtureViews.context(7));
            System.out.printf("== %s: %d findings in %d ms%n", f.name(), found.size(), (System.nanoTime() - t) / 1_000_000);
            for (Finding x : found) {
                System.out.println(x.severity() + " " + x.title());
                var d = new java.util.LinkedHashMap<>(x.details());
                System.out.println(json.writeValueAsString(d));
            }
        }
        System.setOut(console);
        out.close();
    }
}
