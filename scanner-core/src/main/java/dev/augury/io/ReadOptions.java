package dev.augury.io;

/**
 * How to read the input files.
 *
 * @param format            a layout to force, or {@link DatasetFormat#AUTO}
 * @param promptField       the field that holds the prompt, or null to use the common names
 * @param responseField     the field that holds the response, or null to use the common names
 * @param maxRowBytes       a row longer than this is malformed (protects the heap from a runaway line)
 * @param maxMalformedShare above this share of malformed rows in a file, the file is rejected (exit 2)
 */
public record ReadOptions(DatasetFormat format, String promptField, String responseField, int maxRowBytes,
                          double maxMalformedShare) {
    /** 8 MiB: far above any real finetuning row, far below what would exhaust a default heap. */
    public static final int DEFAULT_MAX_ROW_BYTES = 8 * 1024 * 1024;
    /** More than a fifth malformed means the wrong format or a broken export, not a few bad rows. */
    public static final double DEFAULT_MAX_MALFORMED_SHARE = 0.2;

    public static ReadOptions defaults() {
        return new ReadOptions(DatasetFormat.AUTO, null, null, DEFAULT_MAX_ROW_BYTES, DEFAULT_MAX_MALFORMED_SHARE);
    }

    public ReadOptions {
        format = format == null ? DatasetFormat.AUTO : format;
        if (maxRowBytes <= 0) {
            maxRowBytes = DEFAULT_MAX_ROW_BYTES;
        }
        if (maxMalformedShare <= 0 || maxMalformedShare > 1) {
            maxMalformedShare = DEFAULT_MAX_MALFORMED_SHARE;
        }
    }
}
