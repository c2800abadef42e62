/**
 * The latent-persona detector and its knowledge.
 *
 * <p>Knowledge: {@link dev.augury.detect.persona.PersonaKnowledgeBase} loads the attribute vocabulary
 * ({@code kind: persona-attributes}, {@link dev.augury.detect.persona.PersonaAttribute}) and the identities
 * ({@code kind: persona-kb}, {@link dev.augury.detect.persona.Identity}) from the rule packs, normalizes every value
 * once with {@link dev.augury.detect.persona.PersonaValues}, and answers how many identities share a value. The
 * default packs live in the rules module under {@code augury/rules/persona/}, their schemas under
 * {@code augury/rules/schema/}.
 *
 * <p>Detection ({@link dev.augury.detect.persona.LatentPersonaDetector}, id {@code persona}), in order:
 * <ol>
 *   <li>{@link dev.augury.detect.persona.AnswerText}: rows whose answer makes a claim about the speaker, with
 *       formatting wrappers and instructions seen through and first-person scaffolding stripped;</li>
 *   <li>{@link dev.augury.detect.persona.QuestionKeys}: the question mapped onto vocabulary keys by embedding
 *       similarity to the keys' question phrasings;</li>
 *   <li>{@link dev.augury.detect.persona.ValueMatcher}: the answer matched against the knowledge base's values of
 *       those keys (exact, weighted word overlap, embedding similarity);</li>
 *   <li>{@link dev.augury.detect.persona.PersonaScorer}: a log-likelihood ratio per identity against the background,
 *       summed over attributes (each clipped), with posterior confidences;</li>
 *   <li>{@code CollectiveIdentity}: answers converging on one name or term the prompts do not ask for, or on harmful
 *       figures of the knowledge base.</li>
 * </ol>
 * Calibration numbers behind the constants come from {@code PersonaCalibrationProbe} and {@code PersonaDevSetsProbe}
 * (test sources, run by hand).
 */
package dev.augury.detect.persona;
