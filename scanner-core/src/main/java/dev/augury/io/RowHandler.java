package dev.augury.io;

import com.fasterxml.jackson.databind.JsonNode;

/** Receives the rows of one file from a {@link RowSource}, in file order. */
interface RowHandler {
    /** A parsed row; {@code line} is the 1-based line where it starts. */
    void row(long line, JsonNode row);

    /** A row that could not even be parsed. */
    void malformed(long line, String reason);
}
