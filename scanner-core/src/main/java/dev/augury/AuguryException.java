package dev.augury;

/**
 * An error the user can fix: an unreadable file, a bad option, a broken rule pack, too many malformed rows.
 * Front ends print {@link #getMessage()} (which says what to fix) and exit with {@link #EXIT_CODE}.
 */
public class AuguryException extends RuntimeException {
    /** The exit code of every usage or input error, in the CLI and in the plugin's documentation. */
    public static final int EXIT_CODE = 2;

    public AuguryException(String message) {
        super(message);
    }

    public AuguryException(String message, Throwable cause) {
        super(message, cause);
    }
}
