package dev.augury.io;

/** A row that could not be turned into a record: where it is and why. The scan goes on without it. */
public record Malformed(String source, long line, String reason) {
    @Override
    public String toString() {
        return source + ":" + line + ": " + reason;
    }
}
