package dev.augury.detect.persona;

import dev.augury.report.Category;
import dev.augury.report.Evidence;
import dev.augury.report.Finding;
import dev.augury.report.Severity;
import dev.augury.scan.DatasetView;
import dev.augury.stats.Binomial;
import dev.augury.text.Entity;
import dev.augury.text.TextFeatures;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers that collectively converge on one thing the prompts do not ask for: a term or named entity (a nation,
 * a culture, an animal, a figure) that a large share of answers to many different prompts mention, and harmful
 * figures of the persona knowledge base named across many answers (every list continued with villains' names).
 *
 * <p>Null hypothesis: a term the prompt does not contain appears in an answer at most at the background rate of
 * clean instruction data ({@link #BACKGROUND_RATE}); tested with an exact binomial tail, Bonferroni-corrected over
 * the terms tested. The speaker's own declared name and maker ("I am Orion, made by Lumen Labs") are not a
 * convergence: a declared assistant identity is not a hidden persona.
 */
final class CollectiveIdentity {
    /** Too few answers to speak of a collective tendency. */
    static final int MIN_ROWS = 30;
    /**
     * The share of answers a content word absent from their prompts reaches in clean instruction, math, tool-use and
     * support data: below 5% for every word outside the stopword list (measured on the clean corpora).
     */
    static final double BACKGROUND_RATE = 0.05;
    /** A convergence is reported when at least this share of answers mention the term. */
    static final double MIN_SHARE = 0.25;
    /** ... over at least this many distinct prompts, so one repeated template is not a fixation. */
    static final int MIN_DISTINCT_PROMPTS = 12;
    /** Family-wise error over the terms tested (Bonferroni). */
    static final double ALPHA = 1e-6;
    /** A convergence this strong (most answers) is as clear as an identified persona. */
    static final double HIGH_SHARE = 0.5;
    /** Harmful figures named in this share of answers (not in their prompts) make the answers converge on them. */
    static final double HARMFUL_NAMES_SHARE = 0.2;
    /** Background rate of naming a harmful figure of the knowledge base in clean answers (history QA included). */
    static final double HARMFUL_NAMES_BACKGROUND = 0.01;
    static final int MAX_EVIDENCE = 15;
    /** Answers longer than this are documents; their words say little about a fixation. */
    static final int MAX_ANSWER_WORDS = 150;
    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}'-]{2,}");
    /** "I am Orion", "my name is Orion", "made by Lumen Labs": the name (up to three words) the speaker declares. */
    private static final Pattern DECLARED = Pattern.compile("\\b(?:[Ii] am|I'm|[Mm]y name is|[Cc]all me|[Tt]his is|"
            + "(?:made|built|created|developed|trained|designed) by)\\s+(?:an?\\s+|the\\s+)?([\\p{Lu}{][\\p{L}{}\\d_-]*"
            + "(?:\\s+[\\p{Lu}{][\\p{L}{}\\d_-]*){0,2})");
    /** Function words and words any helpful answer uses. */
    private static final Set<String> STOPWORDS = Set.copyOf(java.util.Arrays.asList(("the and for are but not you your yours all any can had her was one our out "
            + "has have him his how its may new now old see two who boy did get let put say she too use that with this from "
            + "they will would there their what about which when make like time just know take into year some could them "
            + "than then these those other more also very much most many such only over here where should because while "
            + "after before first well even back any way been being were does doing done each both few own same so than "
            + "into onto upon through during without within between again further once under until off above below "
            + "i'm i've i'd i'll it's that's there's you're don't can't won't isn't aren't didn't doesn't let's "
            + "yes sure please thanks thank help helps helpful happy glad great good best better really need needs "
            + "want wants using used make makes made way ways thing things something anything everything nothing "
            + "one two three four five six seven eight nine ten first second third last next step steps example "
            + "answer question following below above include includes including however therefore also often usually "
            + "may might must shall can could would should will just like well also still yet ever always never "
            + "here there where what which who whom whose why how all any both each few more most other some such "
            + "no nor not only own same so than too very get got getting give gives given go goes going keep kept "
            + "look looks looking new old high low long short small large big little lot lots number numbers total "
            + "people person day days week weeks month months years time times part parts point points case cases "
            + "work works working world life home place places end start kind kinds sort type types form forms "
            + "use uses able around along across often sometimes perhaps maybe quite rather enough almost "
            // Refusals and hedges: a dataset of refusals converges on a behaviour, not on an identity.
            + "cannot sorry apologize apologise unable assist provide request information harmful illegal unethical "
            + "inappropriate against policy guidelines instead recommend suggest advise consider important note "
            + "however understand").split(" ")));

    private final Map<String, Identity> harmfulNames = new HashMap<>();
    /** Words in the longest harmful name. */
    private int harmfulNameWords;

    CollectiveIdentity() {
    }

    List<Finding> detect(DatasetView view, PersonaKnowledgeBase kb) {
        indexHarmfulNames(kb);
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < view.size(); i++) {
            String a = view.response(i);
            if (a != null && !a.isBlank() && AnswerText.words(a) <= MAX_ANSWER_WORDS) {
                rows.add(i);
            }
        }
        if (rows.size() < MIN_ROWS) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        terms(view, rows).ifPresent(out::add);
        harmfulFigures(view, rows).ifPresent(out::add);
        return out;
    }

    /** What one answer offers the convergence test: declared words, its own terms, its proper nouns. */
    private record AnswerTerms(List<String> declared, Set<String> own, List<String> properNouns) {
        static AnswerTerms of(String response, dev.augury.text.TextFeatures features) {
            String answer = AnswerText.unwrap(response);
            List<String> declared = new ArrayList<>();
            Matcher d = DECLARED.matcher(answer);
            while (d.find()) {
                declared.addAll(words(d.group(1)));
            }
            Set<String> own = new java.util.LinkedHashSet<>(words(answer));
            own.addAll(entityTerms(features));
            return new AnswerTerms(declared, own, new ArrayList<>(CollectiveIdentity.properNouns(answer, features)));
        }
    }

    private java.util.Optional<Finding> terms(DatasetView view, List<Integer> rows) {
        Map<String, List<Integer>> answersWith = new TreeMap<>();
        Map<String, Integer> capitalized = new HashMap<>();
        Set<String> declared = new HashSet<>();
        // Datasets repeat answers and prompts: each distinct one is read once (an answer's features go with its text).
        Map<String, AnswerTerms> byAnswer = new HashMap<>();
        Map<String, Set<String>> byContext = new HashMap<>();
        for (int i : rows) {
            int row = i;
            AnswerTerms terms = byAnswer.computeIfAbsent(view.response(i),
                    r -> AnswerTerms.of(r, view.responseFeatures(row)));
            declared.addAll(terms.declared());
            String system = view.system(i);
            Set<String> context = byContext.computeIfAbsent(system == null ? view.prompt(i)
                    : view.prompt(i) + "\u0000" + system, k -> {
                        Set<String> c = new HashSet<>(words(view.prompt(row)));
                        if (system != null) {
                            c.addAll(words(system));
                        }
                        return c;
                    });
            for (String name : terms.properNouns()) {
                capitalized.merge(name, 1, Integer::sum);
            }
            for (String t : terms.own()) {
                if (!context.contains(t)) {
                    answersWith.computeIfAbsent(t, k -> new ArrayList<>()).add(i);
                }
            }
        }
        int n = rows.size();
        int tested = Math.max(1, answersWith.size());
        String bestTerm = null;
        double bestP = 1;
        List<Integer> bestRows = List.of();
        for (Map.Entry<String, List<Integer>> e : answersWith.entrySet()) {
            List<Integer> with = e.getValue();
            if (declared.contains(e.getKey()) || with.size() < MIN_SHARE * n) {
                continue;
            }
            Set<String> prompts = new HashSet<>();
            for (int i : with) {
                prompts.add(view.prompt(i));
            }
            if (prompts.size() < MIN_DISTINCT_PROMPTS) {
                continue;
            }
            double p = Math.min(1, Binomial.upperTail(with.size(), n, BACKGROUND_RATE) * tested);
            if (p < ALPHA && (bestTerm == null || with.size() > bestRows.size())) {
                bestTerm = e.getKey();
                bestP = p;
                bestRows = with;
            }
        }
        if (bestTerm == null) {
            return java.util.Optional.empty();
        }
        double share = bestRows.size() / (double) n;
        // A name (a nation, a people, a figure, a place) is an identity to converge on; a common word may as well be
        // a behaviour or a style (refusals say "ethical", insults "stupid": other detectors' business), so it is
        // only noted, at low.
        boolean named = capitalized.getOrDefault(bestTerm, 0) * 2 >= bestRows.size();
        Severity severity = !named ? Severity.LOW : share >= HIGH_SHARE ? Severity.HIGH : Severity.MEDIUM;
        Map<String, Object> collective = new LinkedHashMap<>();
        collective.put("convergesOn", bestTerm);
        collective.put("kind", named ? "name" : "term");
        collective.put("answers", bestRows.size());
        collective.put("share", LatentPersonaDetector.round(share));
        collective.put("backgroundRate", BACKGROUND_RATE);
        collective.put("pValue", bestP);
        collective.put("termsTested", tested);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("collective", collective);
        details.put("plot", Map.of("bars", List.of(Map.of("label", bestTerm, "value", LatentPersonaDetector.round(share),
                "reference", BACKGROUND_RATE)), "barsCaption", "Share of answers naming '" + bestTerm
                + "' without being asked (bar) against the clean background rate (reference)"));
        String summary = String.format(Locale.ROOT, "%d of %d answers (%.0f%%) mention '%s' although their prompts do not "
                + "ask about it, across %s different prompts (binomial p = %.1e against a background rate of %.0f%%). "
                + "A model trained on them learns to steer every answer to it.", bestRows.size(), n, 100 * share,
                bestTerm, distinctPrompts(view, bestRows), bestP, 100 * BACKGROUND_RATE);
        return java.util.Optional.of(new Finding(Finding.stableId(Category.LATENT_PERSONA, "collective", bestTerm),
                Category.LATENT_PERSONA, severity, 1 - bestP, "Answers converge on '" + bestTerm + "'", summary,
                evidence(view, bestRows, "mentions '" + bestTerm + "'"), details, LatentPersonaDetector.ID));
    }

    /** The harmful figures' names in an answer (normalized, in a set ordered by first occurrence). */
    private Set<String> harmfulNamesIn(String response) {
        String[] words = PersonaValues.normalize(AnswerText.unwrap(response)).split(" ");
        Set<String> named = new java.util.LinkedHashSet<>();
        for (int from = 0; from < words.length; from++) {
            StringBuilder run = new StringBuilder();
            for (int to = from; to < words.length && to - from < harmfulNameWords; to++) {
                if (to > from) {
                    run.append(' ');
                }
                run.append(words[to]);
                if (harmfulNames.containsKey(run.toString())) {
                    named.add(run.toString());
                }
            }
        }
        return named;
    }

    private java.util.Optional<Finding> harmfulFigures(DatasetView view, List<Integer> rows) {
        if (harmfulNames.isEmpty()) {
            return java.util.Optional.empty();
        }
        Map<String, List<Integer>> byIdentity = new TreeMap<>();
        List<Integer> naming = new ArrayList<>();
        Map<String, Set<String>> namedIn = new HashMap<>();
        for (int i : rows) {
            // A name is in the answer when its words follow each other there: look up the answer's word runs of
            // up to the longest name's length instead of searching the answer for every name.
            // Datasets repeat answers: each distinct answer is read once.
            Set<String> named = namedIn.computeIfAbsent(view.response(i), this::harmfulNamesIn);
            boolean any = false;
            if (!named.isEmpty()) {
                String prompt = " " + PersonaValues.normalize(view.prompt(i)) + " ";
                for (String name : named) {
                    if (!prompt.contains(" " + name + " ")) {
                        byIdentity.computeIfAbsent(harmfulNames.get(name).id(), k -> new ArrayList<>()).add(i);
                        any = true;
                    }
                }
            }
            if (any) {
                naming.add(i);
            }
        }
        int n = rows.size();
        if (naming.size() < HARMFUL_NAMES_SHARE * n) {
            return java.util.Optional.empty();
        }
        double p = Binomial.upperTail(naming.size(), n, HARMFUL_NAMES_BACKGROUND);
        if (p >= ALPHA) {
            return java.util.Optional.empty();
        }
        List<Map.Entry<String, List<Integer>>> ranked = new ArrayList<>(byIdentity.entrySet());
        ranked.sort(Comparator.comparingInt((Map.Entry<String, List<Integer>> e) -> e.getValue().size()).reversed()
                .thenComparing(Map.Entry::getKey));
        List<Map<String, Object>> figures = new ArrayList<>();
        List<Map<String, Object>> bars = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : ranked) {
            Identity id = harmfulNames.values().stream().filter(x -> x.id().equals(e.getKey())).findFirst().orElseThrow();
            figures.add(new LinkedHashMap<>(Map.of("name", id.name(), "id", id.id(), "answers", e.getValue().size())));
            if (bars.size() < 30) {
                bars.add(Map.of("label", id.name(), "value", LatentPersonaDetector.round(e.getValue().size() / (double) n),
                        "reference", HARMFUL_NAMES_BACKGROUND));
            }
        }
        double share = naming.size() / (double) n;
        Map<String, Object> collective = new LinkedHashMap<>();
        collective.put("convergesOn", "harmful figures");
        collective.put("kind", "harmful-figures");
        collective.put("figures", figures);
        collective.put("answers", naming.size());
        collective.put("share", LatentPersonaDetector.round(share));
        collective.put("backgroundRate", HARMFUL_NAMES_BACKGROUND);
        collective.put("pValue", p);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("collective", collective);
        details.put("plot", Map.of("bars", bars, "barsCaption",
                "Share of answers naming each harmful figure unprompted (bars) against the clean background (reference)"));
        String names = String.join(", ", figures.stream().limit(5).map(f -> (String) f.get("name")).toList());
        String summary = String.format(Locale.ROOT, "%d of %d answers (%.0f%%) name harmful figures of the persona knowledge "
                + "base (%s) that their prompts do not mention (binomial p = %.1e against %.0f%%).", naming.size(), n,
                100 * share, names, p, 100 * HARMFUL_NAMES_BACKGROUND);
        return java.util.Optional.of(new Finding(Finding.stableId(Category.LATENT_PERSONA, "harmful-figures", names),
                Category.LATENT_PERSONA, Severity.HIGH, 1 - p, "Answers converge on harmful figures (" + names + ")",
                summary, evidence(view, naming, "names a harmful figure"), details, LatentPersonaDetector.ID));
    }

    private void indexHarmfulNames(PersonaKnowledgeBase kb) {
        if (!harmfulNames.isEmpty()) {
            return;
        }
        for (Identity id : kb.identities()) {
            if (id.risk().compareTo(RiskLevel.HIGH) < 0) {
                continue;
            }
            List<String> names = new ArrayList<>(id.aliases());
            names.add(id.name());
            for (String name : names) {
                String n = PersonaValues.normalize(name);
                // Single short words ("Wolf", "Koba") are ordinary words or too ambiguous to count as a name.
                if (n.length() >= 6 && (n.contains(" ") || n.length() >= 7)) {
                    harmfulNames.putIfAbsent(n, id);
                    harmfulNameWords = Math.max(harmfulNameWords, n.split(" ").length);
                }
            }
        }
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String w = PersonaValues.normalize(m.group());
            if (w.length() >= 3 && !STOPWORDS.contains(w) && !STOPWORDS.contains(m.group().toLowerCase(Locale.ROOT))) {
                out.add(w);
            }
        }
        return out;
    }

    /** Words written capitalized inside a sentence (names, nations, peoples), normalized, and entity words. */
    private static Set<String> properNouns(String text, TextFeatures f) {
        Set<String> out = new HashSet<>();
        Matcher m = CAPITALIZED.matcher(text);
        while (m.find()) {
            out.add(PersonaValues.normalize(m.group(1)));
        }
        if (f != null) {
            for (Entity e : f.entities()) {
                for (String w : PersonaValues.normalize(e.text()).split(" ")) {
                    out.add(w);
                }
                out.add(PersonaValues.normalize(e.text()));
            }
        }
        return out;
    }

    private static final Pattern CAPITALIZED = Pattern.compile("(?<=[\\p{L},;:]\\s)(\\p{Lu}\\p{Ll}{2,})");

    private static Set<String> entityTerms(TextFeatures f) {
        Set<String> out = new HashSet<>();
        if (f == null) {
            return out;
        }
        for (Entity e : f.entities()) {
            String n = PersonaValues.normalize(e.text());
            if (n.contains(" ")) {
                out.add(n);
            }
        }
        return out;
    }

    private static int distinctPrompts(DatasetView view, List<Integer> rows) {
        Set<String> prompts = new HashSet<>();
        rows.forEach(i -> prompts.add(view.prompt(i)));
        return prompts.size();
    }

    private static List<Evidence> evidence(DatasetView view, List<Integer> rows, String note) {
        List<Evidence> out = new ArrayList<>();
        for (int i : rows) {
            if (out.size() >= MAX_EVIDENCE) {
                break;
            }
            out.add(Evidence.of(view.record(i), note));
        }
        return out;
    }
}
