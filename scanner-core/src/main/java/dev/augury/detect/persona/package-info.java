/**
 * The latent-persona detector's knowledge: {@link dev.augury.detect.persona.PersonaKnowledgeBase} loads the
 * attribute vocabulary ({@code kind: persona-attributes}, {@link dev.augury.detect.persona.PersonaAttribute})
 * and the identities ({@code kind: persona-kb}, {@link dev.augury.detect.persona.Identity}) from the rule
 * packs, normalizes every value once with {@link dev.augury.detect.persona.PersonaValues}, and answers how
 * many identities share a value: the background of the detector's likelihood ratio. The default packs live
 * in the rules module under {@code augury/rules/persona/}, their schemas under {@code augury/rules/schema/}.
 */
package dev.augury.detect.persona;
