package dev.augury.io;

/**
 * What was read from one input file, as it appears in the report's {@code datasets} list.
 *
 * @param path      the file as given or found
 * @param format    the layout detected (or forced)
 * @param records   records read
 * @param malformed rows skipped as malformed
 * @param sha256    hex digest of the file's bytes as stored (compressed bytes for .gz)
 */
public record DatasetSource(String path, String format, long records, long malformed, String sha256) {
}
