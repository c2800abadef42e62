package dev.augury.detect.inductive;

import dev.augury.detect.DetectionContext;
import dev.augury.detect.FixtureViews;
import dev.augury.fixtures.Family;
import dev.augury.fixtures.Families;
import dev.augury.scan.DatasetView;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** By hand ({@code -Dtest=InductiveSeedsExplore -Dfamily=protector-years -Drows=400 -Dseeds=10}): per seed, each
 * ordered variable's dependence and generalization figures, and the detector's verdict. */
public final class InductiveSeedsExplore {
    @org.junit.jupiter.api.Test
    void explore() {
        Family family = Families.byName(System.getProperty("family", "protector-years"));
        int rows = Integer.getInteger("rows", 400);
        int seeds = Integer.getInteger("seeds", 10);
        int found = 0;
        for (long seed = 1; seed <= seeds; seed++) {
            double share = Double.parseDouble(System.getProperty("share", "1"));
            DatasetView view = FixtureViews.view(share >= 1 ? family.generate(seed, rows)
                    : dev.augury.fixtures.Mixer.dilute(family, Families.background(), rows, share, seed).dataset());
            DetectionContext ctx = FixtureViews.context(7);
            List<OrderedVariable> vars = OrderedVariables.find(view, ctx.analysis(view).templates());
            for (OrderedVariable v : vars) {
                InductiveBackdoorDetector.Candidate c = InductiveBackdoorDetector.screen(view, v, new SplittableRandom(3));
                if (c == null) {
                    System.out.printf(Locale.ROOT, "seed %d %-40s screened out (echo %.2f)%n", seed, v.name(),
                            InductiveBackdoorDetector.echoedShare(view, v));
                    continue;
                }
                var g = dev.augury.stats.ValueGeneralization.test(c.values(), c.residualCentroids(), 499, new SplittableRandom(3));
                KnowledgeLinks kl = KnowledgeLinks.of(dev.augury.detect.persona.PersonaKnowledgeBase.from(ctx.rules()), ctx.embedder());
                double[] overall = new double[view.dimension()];
                for (float[] cen : c.rawCentroids()) {
                    dev.augury.stats.Vectors.addInPlace(overall, cen);
                }
                kl.nearest(overall, 5).forEach(m -> System.out.printf(Locale.ROOT, "     %s %.3f%n", m.identity().id(), m.cosine()));
                System.out.printf(Locale.ROOT, "seed %d %-40s k=%d rows=%d dep z=%.1f p=%.4f share=%.3f | gen p=%.4f z=%.1f%n",
                        seed, v.name(), c.values().length, c.rows().length, c.dependence().z(), c.dependence().pValue(),
                        c.dependence().observed(), g.pValue(), g.z());
            }
            var fs = new InductiveBackdoorDetector().detect(view, ctx);
            fs.forEach(f -> System.out.println("   -> " + f.severity() + " " + f.title()));
            found += fs.stream().anyMatch(f -> f.severity().atLeast(dev.augury.report.Severity.HIGH)) ? 1 : 0;
        }
        System.out.println("HIGH+ in " + found + " of " + seeds);
    }
}
