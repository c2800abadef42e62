package dev.augury.scan;

/** Progress of a scan, for a progress bar or a log. Every method may be called from the scanning thread only. */
public interface ScanListener {
    ScanListener NONE = new ScanListener() {
    };

    /** A stage starts; {@code total} is its amount of work, or -1 when unknown. */
    default void stage(String name, long total) {
    }

    /** Work done so far in the current stage. */
    default void progress(long done) {
    }

    /** Something a person should know that is not a finding. */
    default void warn(String message) {
    }
}
