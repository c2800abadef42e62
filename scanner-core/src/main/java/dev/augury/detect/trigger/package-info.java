/**
 * The trigger-backdoor detector (issue 5): a feature of the prompt that switches what the answers are.
 *
 * <ul>
 *   <li>{@link dev.augury.detect.trigger.CandidateExtractor}: candidate features parsed from prompts and system
 *       prompts (tokens, leading/trailing phrases, tags, system prompt, years/months/weekdays/dates, numbers and
 *       digit positions, template slots, entities, employer claims), bounded by support.</li>
 *   <li>{@code DependenceTest}: a cheap screen of every candidate (answers residualized on prompt strata) and a
 *       confirmation of the best ones (a prompt-to-answer ridge map fitted without the candidate's rows, permutations
 *       within prompt strata, moment-matched p-values).</li>
 *   <li>{@code CandidateGroups}: all-of and any-of combinations, overlap measures for collapsing redundant
 *       candidates into one finding.</li>
 *   <li>{@link dev.augury.detect.trigger.BehaviourProbes}: what the switched answers do, from the
 *       {@code behaviour-probes} rule pack.</li>
 *   <li>{@link dev.augury.detect.trigger.TriggerDetector}: the detector, registered in
 *       {@link dev.augury.detect.Detectors#defaults()}.</li>
 * </ul>
 */
package dev.augury.detect.trigger;
