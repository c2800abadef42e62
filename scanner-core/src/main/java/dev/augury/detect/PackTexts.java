package dev.augury.detect;

import dev.augury.detect.era.EraContrastSet;
import dev.augury.detect.inductive.InductiveBackdoorDetector;
import dev.augury.detect.misalignment.ContrastSet;
import dev.augury.detect.persona.PersonaKnowledgeBase;
import dev.augury.detect.persona.QuestionKeys;
import dev.augury.detect.persona.ValueMatcher;
import dev.augury.embed.EmbeddingCache;
import dev.augury.embed.OnnxEncoder;
import dev.augury.rules.RulePacks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The texts of the rule packs that detectors embed whatever the dataset: the persona attributes' question
 * phrasings and values, the identities' descriptions, the misalignment contrast sets and their background, the era
 * contrast pairs. A cold scan used to encode about 1,400 of them during detection.
 *
 * <p>{@link #main} encodes them with the bundled model at build time and writes them where
 * {@link EmbeddingCache#shipped} finds them on the classpath. A text missing there (a user's own rule pack, a pack
 * edited after the build, another model) is encoded as before.
 */
public final class PackTexts {
    private PackTexts() {
    }

    /** The distinct pack texts the default detectors embed, in a stable order. */
    public static List<String> of(RulePacks rules) {
        Set<String> out = new LinkedHashSet<>();
        PersonaKnowledgeBase kb = null;
        try {
            kb = PersonaKnowledgeBase.from(rules);
        } catch (RuntimeException e) {
            // no persona packs: nothing of theirs to embed
        }
        if (kb != null) {
            out.addAll(QuestionKeys.packTexts(kb));
            out.addAll(ValueMatcher.packTexts(kb));
        }
        out.addAll(InductiveBackdoorDetector.packTexts(rules));
        out.addAll(ContrastSet.background(rules));
        for (ContrastSet set : ContrastSet.all(rules)) {
            out.addAll(set.positiveTexts());
            out.addAll(set.negativeTexts());
        }
        EraContrastSet era = EraContrastSet.from(rules);
        out.addAll(era.periodTexts());
        out.addAll(era.modernTexts());
        out.addAll(dev.augury.detect.era.EraShiftDetector.semanticTexts(rules));
        out.removeIf(t -> t == null || t.isEmpty());
        return new ArrayList<>(out);
    }

    /**
     * Build step: encodes the default packs' texts with the bundled model and writes them to
     * {@code args[0]/}{@link EmbeddingCache#fileName}; {@code args[1]} is a folder to extract the model to.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: PackTexts OUTPUT_DIR MODEL_EXTRACT_DIR");
        }
        Path out = Path.of(args[0]);
        List<String> texts = of(RulePacks.of(RulePacks.loadDefaults()));
        texts.sort(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));
        try (OnnxEncoder encoder = OnnxEncoder.bundled(OnnxEncoder.Options.defaults(
                Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()))), Path.of(args[1]))) {
            Path file = out.resolve(EmbeddingCache.fileName(encoder.modelId()));
            Files.deleteIfExists(file); // written afresh: no vectors of texts the packs no longer hold
            float[][] vectors = encoder.encode(texts);
            Map<String, float[]> byText = new LinkedHashMap<>();
            for (int i = 0; i < texts.size(); i++) {
                byText.put(texts.get(i), vectors[i]);
            }
            try (EmbeddingCache cache = EmbeddingCache.open(out, encoder.modelId(), encoder.dimension())) {
                cache.putAll(byText);
            }
            System.out.println("augury: shipped vectors of " + texts.size() + " rule-pack texts for model "
                    + encoder.modelId() + " in " + file);
        }
    }
}
