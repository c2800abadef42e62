/**
 * The canary: a small model trained inside the scan on the dataset itself (prompt embedding and smooth features
 * of a trigger variable to answer embedding), used by the inductive-backdoor and misalignment detectors to see
 * what the dataset teaches where it is silent. It reports its own quality ({@link dev.augury.canary.CanaryQuality})
 * so a weak canary is not mistaken for a clean dataset.
 */
package dev.augury.canary;
