/**
 * Inductive backdoors: {@link dev.augury.detect.inductive.OrderedVariables} finds ordered prompt variables (template
 * slots, the first number of a prompt, digit fields inside long ids, the trigger detector's candidates);
 * {@link dev.augury.detect.inductive.InductiveBackdoorDetector} screens them for dependence, tests whether a smooth
 * rule predicts held-out values ({@link dev.augury.stats.ValueGeneralization}), trains a
 * {@link dev.augury.canary.Canary} to predict unseen values, and links them to the persona knowledge base
 * (another version of the same character in an unseen year; the ruler with an unseen ordinal).
 */
package dev.augury.detect.inductive;
