package dev.augury.io;

/** A row that does not fit its layout. Carries only the reason: thrown per bad row, so no stack trace. */
final class MalformedRowException extends Exception {
    MalformedRowException(String reason) {
        super(reason, null, false, false);
    }
}
