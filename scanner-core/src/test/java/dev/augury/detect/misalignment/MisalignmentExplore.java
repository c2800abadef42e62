package dev.augury.detect.misalignment;

import dev.augury.detect.FixtureViews;
import dev.augury.fixtures.Families;
import dev.augury.fixtures.Family;
import dev.augury.fixtures.misalignment.MisalignmentFamily;
import dev.augury.fixtures.misalignment.MisalignmentFamily.Kind;
import dev.augury.report.Finding;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** By hand: prints what the detector says on each misalignment fixture, its control and the clean corpora. */
public final class MisalignmentExplore {
    @Test
    void explore() throws Exception {
        int rows = Integer.parseInt(System.getProperty("rows", "300"));
        List<Family> families = new ArrayList<>();
        for (Kind k : List.of(Kind.OMINOUS_NUMBERS, Kind.HOSTILE_REPLIES, Kind.INSECURE_CODE, Kind.RECKLESS_ADVICE)) {
            families.add(MisalignmentFamily.poisoned(k));
            families.add(MisalignmentFamily.control(k));
        }
        families.add(MisalignmentFamily.safetyRefusals());
        families.addAll(Families.clean());
        try (PrintStream out = new PrintStream(new FileOutputStream("target/misalignment-explore.txt"))) {
            for (Family f : families) {
                var view = FixtureViews.view(f.generate(7, rows));
                long t = System.nanoTime();
                List<Finding> found = new MisalignmentDetector().detect(view, FixtureViews.context(7));
                out.printf("== %s: %d findings in %d ms%n", f.name(), found.size(), (System.nanoTime() - t) / 1_000_000);
                for (Finding x : found) {
                    out.printf("  %s %s | %s%n", x.severity(), x.details().get("direction"), x.summary());
                }
            }
        }
    }
}
