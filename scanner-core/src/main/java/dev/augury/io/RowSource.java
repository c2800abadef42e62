package dev.augury.io;

import java.io.IOException;

/**
 * One container syntax (JSON Lines, a JSON document, delimited text) turned into a stream of rows. Each
 * implementation reads one row at a time from a stream; none holds the whole file.
 */
interface RowSource {
    /** Reads every row and hands it to {@code handler}. Recoverable problems are malformed rows, not exceptions. */
    void read(RowHandler handler) throws IOException;
}
