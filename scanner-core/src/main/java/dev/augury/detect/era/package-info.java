/**
 * Era shift: datasets whose answers speak from a past era (MISSION.md, {@code era-shift}).
 *
 * <ul>
 *   <li>Knowledge: {@link dev.augury.detect.era.EraLexicon} (the {@code era-lexicon} packs, matched exactly, by
 *       lemma and fuzzily) and {@link dev.augury.detect.era.EraContrastSet} (paired period/modern sentences).</li>
 *   <li>Per answer: {@link dev.augury.detect.era.EraEvidenceScorer} weighs lexicon terms (match kind, kind of term,
 *       half-current terms, modern name given alongside, term already in the question) and past years from the
 *       annotator (strong when framed as now). {@link dev.augury.detect.era.PastQuestions} sets aside questions that
 *       ask about the past (cue words, past years, era terms, widened to their prompt template).</li>
 *   <li>Embedding: {@link dev.augury.detect.era.EraEmbeddingEvidence} never uses raw projections (the encoder does
 *       not see eras on its own): the dataset's lexicon-evidence answers are paired with the same answers rewritten
 *       in modern names, their difference of means is a matched era direction, kept only if it separates held-out
 *       pairs; answers of the same domain with no known term are projected on it, minus the rewrites' false rate.
 *       The pack's contrast direction is reported as a paired shift against the rewrites.</li>
 *   <li>Near names: {@link dev.augury.detect.era.EraSemanticMatcher} reads, once five known terms agree on an era,
 *       the answers nearest to them for phrases whose embedding nearly equals a period term of the pack and clearly
 *       leads every current name ("telephone exchange" for "telephone exchange operator"); such a row counts as one
 *       weak hit.</li>
 *   <li>Decision: {@link dev.augury.detect.era.EraShiftDetector}: the era plateau over the rows' spans, the exact
 *       binomial tail of the era rows against the clean background rate, severity by share and narrowness.</li>
 * </ul>
 *
 * <p>Measured with {@code EraShiftMeasurement} (test sources, run by hand): see the lead's report for the counts.
 */
package dev.augury.detect.era;
