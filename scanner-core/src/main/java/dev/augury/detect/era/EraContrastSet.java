package dev.augury.detect.era;

import dev.augury.rules.RulePacks;
import java.util.List;

/**
 * The paired sentences of every {@code era-contrast} pack. Paired on purpose: the mean of period sentences minus
 * the mean of their modern twins cancels topic and template, leaving (as far as the encoder sees it) the era.
 */
public final class EraContrastSet {
    /** The rule-pack kind this class reads. */
    public static final String KIND = "era-contrast";

    private final List<EraContrastPair> pairs;

    private EraContrastSet(List<EraContrastPair> pairs) {
        this.pairs = List.copyOf(pairs);
    }

    public static EraContrastSet from(RulePacks packs) {
        return new EraContrastSet(packs.entries(KIND, EraContrastPair.class));
    }

    public static EraContrastSet of(List<EraContrastPair> pairs) {
        return new EraContrastSet(pairs);
    }

    public List<EraContrastPair> pairs() {
        return pairs;
    }

    /** The period sentences, in pack order (index i pairs with {@link #modernTexts()} index i). */
    public List<String> periodTexts() {
        return pairs.stream().map(EraContrastPair::period).toList();
    }

    public List<String> modernTexts() {
        return pairs.stream().map(EraContrastPair::modern).toList();
    }

    /** The pairs whose period overlaps the years [from, to]. */
    public List<EraContrastPair> overlapping(int from, int to) {
        return pairs.stream().filter(p -> p.from() <= to && p.to() >= from).toList();
    }
}
