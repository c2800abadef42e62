package dev.augury.detect;

import dev.augury.embed.TextEmbedder;
import dev.augury.rules.RulePacks;
import dev.augury.text.Annotator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a detector may use besides the dataset: the rule packs, the encoder for rule-pack texts, the annotator,
 * and a seed. Detectors that build on each other's results (the canary on the trigger detector's variables)
 * exchange them through {@link #shared()}, keyed by the producing detector's id.
 */
public record DetectionContext(RulePacks rules, TextEmbedder embedder, Annotator annotator, long seed,
                               Map<String, Object> shared) {
    public DetectionContext(RulePacks rules, TextEmbedder embedder, Annotator annotator, long seed) {
        this(rules, embedder, annotator, seed, new ConcurrentHashMap<>());
    }

    /** A random source for one purpose, so that adding a detector never changes another's draws. */
    public SplittableRandom random(String purpose) {
        return new SplittableRandom(seed ^ (purpose.hashCode() * 0x9E3779B97F4A7C15L));
    }
}
