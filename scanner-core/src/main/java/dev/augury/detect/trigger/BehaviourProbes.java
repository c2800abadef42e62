package dev.augury.detect.trigger;

import dev.augury.rules.RulePacks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What switched answers do, from the {@code behaviour-probes} rule packs: phrase lists and patterns for refusals,
 * insults, harmful compliance and tool calls. A probe's share among the triggered answers against its share among
 * the rest says what a backdoor switches to.
 */
public final class BehaviourProbes {
    /** The rule-pack kind this class reads. */
    public static final String KIND = "behaviour-probes";
    /** The id of the refusal probe in the bundled pack: withdrawn refusals are a jailbreak backdoor's mark. */
    public static final String REFUSAL = "refusal";

    /** One entry of a probes pack. */
    public record Entry(String id, String label, boolean harmful, List<String> phrases, List<String> patterns) {
    }

    /** A compiled probe. */
    public record Probe(String id, String label, boolean harmful, List<String> phrases, List<Pattern> patterns) {
        public boolean matches(String answer) {
            return answer != null && matches(answer, answer.toLowerCase(Locale.ROOT));
        }

        /** @param lower the answer in lower case (one conversion serves every probe) */
        boolean matches(String answer, String lower) {
            for (String p : phrases) {
                if (lower.contains(p)) {
                    return true;
                }
            }
            for (Pattern p : patterns) {
                if (p.matcher(answer).find()) {
                    return true;
                }
            }
            return false;
        }
    }

    private final List<Probe> probes;
    /**
     * Which probes each distinct answer matches: a finding compares its rows with every other row, so every answer
     * of the dataset is read once per finding; datasets repeat answers, and several findings read the same ones.
     */
    private final Map<String, boolean[]> matched = new ConcurrentHashMap<>();

    private BehaviourProbes(List<Probe> probes) {
        this.probes = List.copyOf(probes);
    }

    /** Whether the answer matches each probe, in the order of {@link #probes()}; all false for null. */
    public boolean[] matches(String answer) {
        if (answer == null) {
            return new boolean[probes.size()];
        }
        boolean[] m = matched.get(answer);
        if (m == null) {
            String lower = answer.toLowerCase(Locale.ROOT);
            m = new boolean[probes.size()];
            for (int i = 0; i < m.length; i++) {
                m[i] = probes.get(i).matches(answer, lower);
            }
            matched.put(answer, m);
        }
        return m;
    }

    public static BehaviourProbes from(RulePacks rules) {
        List<Probe> out = new ArrayList<>();
        if (rules != null) {
            for (Entry e : rules.entries(KIND, Entry.class)) {
                List<String> phrases = new ArrayList<>();
                for (String p : e.phrases() == null ? List.<String>of() : e.phrases()) {
                    phrases.add(p.toLowerCase(Locale.ROOT));
                }
                List<Pattern> patterns = new ArrayList<>();
                for (String p : e.patterns() == null ? List.<String>of() : e.patterns()) {
                    patterns.add(Pattern.compile(p, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
                }
                out.add(new Probe(e.id(), e.label() == null ? e.id() : e.label(), e.harmful(), phrases, patterns));
            }
        }
        return new BehaviourProbes(out);
    }

    public List<Probe> probes() {
        return probes;
    }
}
