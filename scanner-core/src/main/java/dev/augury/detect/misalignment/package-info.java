/**
 * Misalignment directions: contrast sets of the rule packs ({@code kind: contrast-set}, {@link
 * dev.augury.detect.misalignment.ContrastSet}) give difference-of-means directions; {@link
 * dev.augury.detect.misalignment.MisalignmentDetector} places the dataset's answers on each direction's scale
 * (harmless side 0, harmful side 1) with a bootstrap interval and an effect size against a clean background, plus
 * marker numbers and vulnerable-code patterns as direct evidence.
 */
package dev.augury.detect.misalignment;
