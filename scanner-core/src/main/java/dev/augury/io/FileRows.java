package dev.augury.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.augury.AuguryException;

/**
 * Turns the rows of one file into records: settles the file's layout on the first row that shows one, maps
 * every row, numbers the records across the scan, and counts what was malformed.
 */
final class FileRows implements RowHandler {
    /** How invalid UTF-8 arrives from the decoders of JSON documents and CSV (a noncharacter, never real text). */
    static final char INVALID_UTF8 = '\uFFFF';

    private final String source;
    private final Layouts layouts;
    private final RecordSink sink;
    private final Counter indexes;
    private Layout layout;
    private long records;
    private long malformed;
    private Malformed firstMalformed;

    /** Record indexes across the files of one scan. */
    static final class Counter {
        private int next;

        int next() {
            if (next == Integer.MAX_VALUE) {
                throw new AuguryException("more than " + Integer.MAX_VALUE + " rows in one scan; split the dataset");
            }
            return next++;
        }

        int count() {
            return next;
        }
    }

    FileRows(String source, Layouts layouts, RecordSink sink, Counter indexes) {
        this.source = source;
        this.layouts = layouts;
        this.sink = sink;
        this.indexes = indexes;
    }

    @Override
    public void row(long line, JsonNode row) {
        if (!row.isObject()) {
            malformed(line, "row is " + Fields.describe(row) + ", expected an object");
            return;
        }
        if (layout == null) {
            layout = layouts.detect(row);
            if (layout == null) {
                malformed(line, layouts.noLayoutReason(row));
                return;
            }
        }
        Conversation conversation;
        try {
            conversation = layout.map(row);
        } catch (MalformedRowException e) {
            malformed(line, e.getMessage());
            return;
        }
        if (hasInvalidUtf8(conversation)) {
            malformed(line, "invalid UTF-8");
            return;
        }
        sink.record(new Record(indexes.next(), source, line, conversation.system(), conversation.turns()));
        records++;
    }

    @Override
    public void malformed(long line, String reason) {
        Malformed m = new Malformed(source, line, reason);
        if (firstMalformed == null) {
            firstMalformed = m;
        }
        malformed++;
        sink.malformed(m);
    }

    long records() {
        return records;
    }

    long malformedCount() {
        return malformed;
    }

    /** The layout found (or forced), or null when no row showed one. */
    Layout layout() {
        return layout;
    }

    /** Rejects the file when too many of its rows are malformed: it is then the wrong file or the wrong layout. */
    void checkMalformedShare(double maxShare) {
        long total = records + malformed;
        if (malformed == 0 || malformed <= maxShare * total) {
            return;
        }
        throw new AuguryException(String.format(java.util.Locale.ROOT,
                "%s: %d of %d rows are malformed (first: line %d: %s); is this the right file? "
                        + "force a layout with --format, or name the fields with --prompt-field/--response-field",
                source, malformed, total, firstMalformed.line(), firstMalformed.reason()));
    }

    private static boolean hasInvalidUtf8(Conversation conversation) {
        if (conversation.system() != null && conversation.system().indexOf(INVALID_UTF8) >= 0) {
            return true;
        }
        for (Turn turn : conversation.turns()) {
            if (turn.text().indexOf(INVALID_UTF8) >= 0) {
                return true;
            }
        }
        return false;
    }
}
