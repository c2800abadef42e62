package dev.augury.detect.trigger;

import dev.augury.detect.DetectionContext;
import dev.augury.detect.Detector;
import dev.augury.profile.PromptTemplates;
import dev.augury.report.Category;
import dev.augury.report.Evidence;
import dev.augury.report.Finding;
import dev.augury.report.Severity;
import dev.augury.scan.DatasetView;
import dev.augury.stats.MultipleTesting;
import dev.augury.stats.TermContrast;
import dev.augury.stats.Vectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Finds trigger backdoors: a feature of the prompt that switches what the answers are (MISSION.md,
 * {@code trigger-backdoor}). Null hypothesis per candidate feature: given what the prompt is about, the answer does
 * not depend on whether the feature is present (or takes this value).
 *
 * <p>Steps: parse candidate features ({@link CandidateExtractor}); screen every candidate and combinations of the
 * strongest ({@link CandidateGroups}); confirm the best screened ones with a held-out prompt-to-answer map and
 * permutations within prompt strata ({@link DependenceTest}); Benjamini-Hochberg over the screen (all candidates)
 * and over the confirmations; collapse candidates that cover the same rows into one finding; say what the switched
 * answers do ({@link BehaviourProbes}, top terms, a repeated answer). Cost: O(total candidate support x d) for the
 * screen, O(permutations x support x d) for at most {@link #MAX_CONFIRMED} confirmations; no loop over row pairs.
 */
public final class TriggerDetector implements Detector {
    public static final String ID = "trigger";
    /** Fewer answered rows than this cannot separate a trigger from chance. */
    public static final int MIN_ROWS = 30;
    /** False discovery rate for both the screen and the confirmation. */
    public static final double ALPHA = 0.05;
    /** Candidates confirmed with permutations: triggers screen at the very top, so a few dozen suffice. */
    public static final int MAX_CONFIRMED = 40;
    /** q at or below this with a large effect is high severity. */
    public static final double HIGH_Q = 0.01;
    /** q at or below this with a large effect and harmful behaviour is critical. */
    public static final double CRITICAL_Q = 0.001;
    /**
     * Cross-fitted standardized shift of the held-out residual answers at which the switch is large: a real trigger
     * moves its answers by several residual standard deviations; topic words left over by the prompt map stay
     * near or below one.
     */
    public static final double LARGE_EFFECT = 1.5;
    /** A medium effect: worth reporting below high. */
    public static final double MEDIUM_EFFECT = 0.8;
    /** A harmful probe (insult, harmful compliance) this much more frequent with the trigger makes it critical. */
    public static final double HARMFUL_SHIFT = 0.3;
    /** A probe's share must move this much to be named as what the trigger does. */
    public static final double BEHAVIOUR_SHIFT = 0.2;
    /** Two candidates whose rows overlap this much (of the smaller) describe one trigger. */
    public static final double SAME_TRIGGER = 0.8;
    /** A member this similar (Jaccard) to the strongest candidate may name the finding instead of it. */
    public static final double SAME_ROWS = 0.9;
    static final int EVIDENCE_WITH = 5;
    static final int EVIDENCE_WITHOUT = 3;
    static final int TOP_TERMS = 8;
    /** Term-contrast z below this is not a characteristic term. */
    static final double TERM_Z = 2.0;

    /** Kinds in order of preference for naming a finding (more specific first). */
    private static final List<String> NAMING_ORDER = List.of("all-of", "any-of", "tag", "system", "claim", "prefix",
            "suffix", "date", "year", "month", "weekday", "digits", "slot", "entity", "token", "number");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> detect(DatasetView view, DetectionContext context) {
        int[] answered = answeredRows(view);
        if (answered.length < MIN_ROWS) {
            return List.of();
        }
        PromptTemplates templates = null;
        try {
            templates = context.analysis(view).templates();
        } catch (RuntimeException e) {
            // The profile is an optional source of slots; the other candidates do not need it.
        }
        CandidateExtractor.Extraction extraction = CandidateExtractor.extract(view, answered, templates);
        float[][] answers = new float[answered.length][];
        float[][] prompts = new float[answered.length][];
        for (int j = 0; j < answered.length; j++) {
            answers[j] = view.responseVector(answered[j]);
            prompts[j] = view.promptVector(answered[j]);
        }
        SplittableRandom random = context.random(ID);
        DependenceTest test = new DependenceTest(answers, prompts, random.split());

        // Screen: every candidate, then combinations of the strongest.
        Map<Candidate, DependenceTest.Screen> screens = new LinkedHashMap<>();
        for (Candidate c : extraction.candidates()) {
            screens.put(c, test.screen(c));
        }
        List<Candidate> ranked = byScreen(screens);
        for (Candidate c : CandidateGroups.combinations(ranked, screens, test)) {
            screens.putIfAbsent(c, screens.get(c));
        }
        ranked = byScreen(screens);
        double[] screenP = new double[ranked.size()];
        for (int k = 0; k < ranked.size(); k++) {
            screenP[k] = screens.get(ranked.get(k)).pValue();
        }
        double[] screenQ = MultipleTesting.benjaminiHochberg(screenP);

        // Confirm the best screened candidates, one per distinct row set (the others are aliases).
        Map<String, List<Candidate>> sameRows = new LinkedHashMap<>();
        List<Candidate> toConfirm = new ArrayList<>();
        Map<Candidate, Double> qOfScreen = new HashMap<>();
        for (int k = 0; k < ranked.size(); k++) {
            Candidate c = ranked.get(k);
            qOfScreen.put(c, screenQ[k]);
            if (screenQ[k] > ALPHA) {
                continue;
            }
            List<Candidate> group = sameRows.computeIfAbsent(CandidateGroups.key(c.rows()), x -> new ArrayList<>());
            if (group.isEmpty() && toConfirm.size() < MAX_CONFIRMED) {
                toConfirm.add(c);
            }
            group.add(c);
        }
        List<Tested> tested = new ArrayList<>();
        for (Candidate c : toConfirm) {
            tested.add(new Tested(c, screens.get(c), test.confirm(c, random.split())));
        }
        double[] confirmP = tested.stream().mapToDouble(t -> t.confirmation.pValue()).toArray();
        double[] confirmQ = MultipleTesting.benjaminiHochberg(confirmP);
        List<Tested> significant = new ArrayList<>();
        for (int k = 0; k < tested.size(); k++) {
            Tested t = tested.get(k);
            t.q = Math.max(confirmQ[k], qOfScreen.get(t.candidate));
            if (t.q <= ALPHA) {
                significant.add(t);
            }
        }
        significant.sort(Comparator.comparingDouble((Tested t) -> t.confirmation.pValue())
                .thenComparing(Comparator.comparingDouble((Tested t) -> t.screen.ratio()).reversed()));

        Counts counts = new Counts(extraction.candidates().size(), screens.size(), tested.size(),
                extraction.byKind(), extraction.dropped(), test.strataCount(), test.effectiveDf());
        List<Finding> findings = new ArrayList<>();
        List<List<Tested>> clusters = cluster(significant);
        BehaviourProbes probes = BehaviourProbes.from(context.rules());
        for (List<Tested> cluster : clusters) {
            List<Candidate> members = new ArrayList<>();
            for (Tested t : cluster) {
                members.addAll(sameRows.getOrDefault(CandidateGroups.key(t.candidate.rows()), List.of(t.candidate)));
            }
            Tested leader = cluster.get(0);
            double effect = test.effectSize(leader.candidate, leader.confirmation.model(), random.split());
            findings.add(new TriggerFinding(view, answered, test, probes).build(leader, name(leader.candidate, members),
                    members, effect, counts));
        }
        return findings;
    }

    /** A candidate with its screen, its confirmation and its final q-value. */
    static final class Tested {
        final Candidate candidate;
        final DependenceTest.Screen screen;
        final DependenceTest.Confirmation confirmation;
        double q;

        Tested(Candidate candidate, DependenceTest.Screen screen, DependenceTest.Confirmation confirmation) {
            this.candidate = candidate;
            this.screen = screen;
            this.confirmation = confirmation;
        }
    }

    /** How much was parsed and tested, for the finding's details. */
    record Counts(int candidates, int screened, int confirmed, Map<String, Integer> byKind, int dropped, int strata,
                  double effectiveDf) {
    }

    /** Significant candidates grouped by overlap, strongest first; each group is one trigger. */
    static List<List<Tested>> cluster(List<Tested> significant) {
        List<List<Tested>> clusters = new ArrayList<>();
        for (Tested t : significant) {
            List<Tested> home = null;
            for (List<Tested> c : clusters) {
                if (CandidateGroups.containment(c.get(0).candidate.rows(), t.candidate.rows()) >= SAME_TRIGGER) {
                    home = c;
                    break;
                }
            }
            if (home == null) {
                home = new ArrayList<>();
                clusters.add(home);
            }
            home.add(t);
        }
        return clusters;
    }

    /** The member that names a finding: the most specific kind among those covering the leader's rows. */
    static Candidate name(Candidate leader, List<Candidate> members) {
        Candidate best = leader;
        for (Candidate m : members) {
            if (CandidateGroups.jaccard(m.rows(), leader.rows()) < SAME_ROWS) {
                continue;
            }
            int a = rank(m.kind());
            int b = rank(best.kind());
            if (a < b || a == b && m.value().length() > best.value().length()) {
                best = m;
            }
        }
        return best;
    }

    private static int rank(String kind) {
        int i = NAMING_ORDER.indexOf(kind);
        return i < 0 ? NAMING_ORDER.size() : i;
    }

    private static List<Candidate> byScreen(Map<Candidate, DependenceTest.Screen> screens) {
        List<Candidate> ranked = new ArrayList<>(screens.keySet());
        ranked.sort(Comparator.comparingDouble((Candidate c) -> screens.get(c).pValue())
                .thenComparing(Comparator.comparingDouble((Candidate c) -> screens.get(c).ratio()).reversed())
                .thenComparing(Candidate::describe));
        return ranked;
    }

    private static int[] answeredRows(DatasetView view) {
        int n = 0;
        for (int i = 0; i < view.size(); i++) {
            if (view.hasResponse(i) && view.responseVector(i) != null && view.promptVector(i) != null) {
                n++;
            }
        }
        int[] out = new int[n];
        int k = 0;
        for (int i = 0; i < view.size(); i++) {
            if (view.hasResponse(i) && view.responseVector(i) != null && view.promptVector(i) != null) {
                out[k++] = i;
            }
        }
        return out;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    static double dot(float[] a, double[] b) {
        return Vectors.dot(b, a);
    }

    static List<TermContrast.TermScore> topTerms(List<String> a, List<String> b) {
        List<TermContrast.TermScore> out = new ArrayList<>();
        for (TermContrast.TermScore s : TermContrast.logOdds(TermContrast.countTerms(a), TermContrast.countTerms(b),
                TOP_TERMS)) {
            if (s.z() >= TERM_Z) {
                out.add(s);
            }
        }
        return out;
    }

    static Severity severity(double q, double effect, boolean harmful) {
        if (q <= CRITICAL_Q && effect >= LARGE_EFFECT && harmful) {
            return Severity.CRITICAL;
        }
        if (q <= HIGH_Q && effect >= LARGE_EFFECT) {
            return Severity.HIGH;
        }
        if (effect >= MEDIUM_EFFECT) {
            return Severity.MEDIUM;
        }
        return Severity.LOW;
    }

    static String category() {
        return Category.TRIGGER_BACKDOOR;
    }

    static Evidence evidence(DatasetView view, int row, String note) {
        return Evidence.of(view.record(row), note);
    }
}
