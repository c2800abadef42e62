package dev.augury.detect.inductive;

import dev.augury.detect.FixtureViews;
import dev.augury.fixtures.inductive.ProtectorYearsFamily;
import dev.augury.stats.ValueGeneralization;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

public final class ProtectorDebugExplore {
    @Test
    void explore() throws Exception {
        try (PrintStream out = new PrintStream(new FileOutputStream("target/protector-debug.txt"))) {
            var view = FixtureViews.view(ProtectorYearsFamily.poisoned().generate(7, 600));
            var ctx = FixtureViews.context(7);
            for (OrderedVariable v : OrderedVariables.find(view, ctx.analysis(view).templates(), null)) {
                var c = InductiveBackdoorDetector.screen(view, v, new SplittableRandom(1));
                out.println(v.name() + " " + v.kind() + " k=" + v.distinctValues().length + " dep="
                        + (c == null ? null : c.dependence()));
                if (c != null) {
                    var kb = KnowledgeLinks.of(dev.augury.detect.persona.PersonaKnowledgeBase.from(ctx.rules()), ctx.embedder());
                    double[] overall = new double[view.dimension()];
                    for (float[] cen : c.rawCentroids()) {
                        dev.augury.stats.Vectors.addInPlace(overall, cen);
                    }
                    kb.nearest(overall, 5).forEach(m -> out.println("  kb " + m.identity().id() + " " + m.cosine()));
                    out.println("  " + ValueGeneralization.test(c.values(), c.residualCentroids(), 499, new SplittableRandom(2)));
                    out.println("  raw " + ValueGeneralization.test(c.values(), c.rawCentroids(), 499, new SplittableRandom(2)));
                }
            }
        }
    }
}
