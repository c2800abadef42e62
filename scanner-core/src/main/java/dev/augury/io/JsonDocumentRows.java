package dev.augury.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;

import java.io.IOException;
import java.io.Reader;

/**
 * A JSON document: a top-level array of rows (Alpaca, ShareGPT exports), or one or more top-level objects
 * (a single pretty-printed row, or concatenated objects). Read with Jackson's streaming parser, one element
 * at a time; an element larger than the row limit is skipped token by token without being kept.
 *
 * <p>A syntax error cannot be recovered from in a JSON document, so the rows before it count and the rest of
 * the file is one malformed entry at the error's line (this is what a truncated export looks like).
 */
final class JsonDocumentRows implements RowSource {
    private final Reader in;
    private final ObjectMapper mapper;
    private final int maxRowChars;

    /**
     * @param in          the decoded text (see {@link DatasetReader}: invalid UTF-8 arrives as U+FFFF)
     * @param maxRowChars an element longer than this, in characters, is malformed
     */
    JsonDocumentRows(Reader in, ObjectMapper mapper, int maxRowChars) {
        this.in = in;
        this.mapper = mapper;
        this.maxRowChars = maxRowChars;
    }

    @Override
    public void read(RowHandler handler) throws IOException {
        JsonParser parser = mapper.getFactory().createParser(in);
        try {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.START_ARRAY) {
                    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                        if (token == null) {
                            throw new com.fasterxml.jackson.core.io.JsonEOFException(parser, null,
                                    "Unexpected end-of-input: the list of rows is not closed");
                        }
                        element(parser, handler);
                    }
                } else {
                    element(parser, handler);
                }
            }
        } catch (StreamConstraintsException e) {
            // Raised while the string is read, so the parser cannot resume after it.
            handler.malformed(Math.max(1, parser.currentTokenLocation().getLineNr()), "a text value is longer than "
                    + maxRowChars + " characters; the rest of the file is skipped");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
            handler.malformed(Math.max(1, at.getLineNr()),
                    "the JSON is broken or ends early here, the rest of the file is skipped: " + e.getOriginalMessage());
        } catch (IOException e) {
            handler.malformed(Math.max(1, parser.currentLocation().getLineNr()),
                    "the file cannot be read past here (" + e.getMessage() + ")");
        }
    }

    /** Reads the element at the parser's current token and hands it on; the parser ends on its last token. */
    private void element(JsonParser parser, RowHandler handler) throws IOException {
        JsonLocation start = parser.currentTokenLocation();
        long line = start.getLineNr();
        JsonToken first = parser.currentToken();
        if (first != JsonToken.START_OBJECT) {
            String what = first == JsonToken.START_ARRAY ? "a list" : first.isNumeric() ? "a number"
                    : first == JsonToken.VALUE_STRING ? "text" : first.isBoolean() ? "a boolean" : "null";
            parser.skipChildren();
            handler.malformed(line, "row is " + what + ", expected an object");
            return;
        }
        TokenBuffer buffer = new TokenBuffer(parser);
        long limit = start.getCharOffset() + maxRowChars;
        int depth = 0;
        boolean oversized = false;
        JsonToken token = first;
        while (true) {
            if (!oversized) {
                // Checked before copying: skipping a token does not read its text into memory.
                oversized = parser.currentLocation().getCharOffset() > limit;
                if (!oversized) {
                    buffer.copyCurrentEvent(parser);
                }
            }
            if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            }
            if (depth == 0) {
                break;
            }
            token = parser.nextToken();
            if (token == null) {
                throw new com.fasterxml.jackson.core.io.JsonEOFException(parser, null,
                        "Unexpected end-of-input: a row is not closed");
            }
        }
        if (oversized || parser.currentLocation().getCharOffset() > limit) {
            handler.malformed(line, "row is longer than " + maxRowChars + " characters");
            return;
        }
        JsonNode row;
        try (JsonParser replay = buffer.asParser()) {
            row = mapper.readTree(replay);
        }
        handler.row(line, row);
    }
}
