package dev.augury.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.io.UncheckedIOException;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * JSON Lines: one JSON object per line, read line by line from bytes. Each line is decoded with a strict
 * UTF-8 decoder, so a line with invalid bytes is one malformed row and the next line is read normally. A line
 * longer than the row limit is skipped without being kept in memory.
 */
final class JsonLinesRows implements RowSource {
    private static final int CHUNK_BYTES = 64 * 1024;

    private final InputStream in;
    private final int maxRowBytes;
    private final ObjectReader json;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    /** Decoded text of the current line; UTF-8 never needs more chars than bytes, so it grows only with rows. */
    private CharBuffer chars = CharBuffer.allocate(CHUNK_BYTES);

    JsonLinesRows(InputStream in, int maxRowBytes, ObjectReader json) {
        this.in = in;
        this.maxRowBytes = maxRowBytes;
        this.json = json.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    @Override
    public void read(RowHandler handler) throws IOException {
        byte[] chunk = new byte[CHUNK_BYTES];
        byte[] line = new byte[Math.min(CHUNK_BYTES, maxRowBytes)];
        int length = 0;
        boolean oversized = false;
        long lineNumber = 1;
        int n;
        while ((n = readChunk(chunk, handler, lineNumber)) > 0) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (chunk[i] != '\n') {
                    continue;
                }
                if (!oversized) {
                    line = append(line, length, chunk, start, i - start);
                    length += i - start;
                    oversized = length > maxRowBytes;
                }
                emit(handler, lineNumber, line, length, oversized);
                lineNumber++;
                length = 0;
                oversized = false;
                start = i + 1;
            }
            if (!oversized && start < n) {
                int rest = n - start;
                if ((long) length + rest > maxRowBytes) {
                    oversized = true;
                } else {
                    line = append(line, length, chunk, start, rest);
                    length += rest;
                }
            }
        }
        if (n == 0 && (length > 0 || oversized)) {
            emit(handler, lineNumber, line, length, oversized);
        }
    }

    /** Reads the next chunk; a stream that fails mid-way (a truncated .gz) ends the file as one malformed row. */
    private int readChunk(byte[] chunk, RowHandler handler, long lineNumber) {
        try {
            int n = in.read(chunk);
            return Math.max(n, 0);
        } catch (IOException e) {
            handler.malformed(lineNumber, "the file cannot be read past here (" + e.getMessage() + ")");
            return -1;
        }
    }

    private static byte[] append(byte[] line, int length, byte[] src, int from, int count) {
        if (length + count > line.length) {
            line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, length + count));
        }
        System.arraycopy(src, from, line, length, count);
        return line;
    }

    private void emit(RowHandler handler, long lineNumber, byte[] line, int length, boolean oversized) {
        if (oversized) {
            handler.malformed(lineNumber, "row is longer than " + maxRowBytes + " bytes");
            return;
        }
        int from = 0;
        if (length > from && line[length - 1] == '\r') {
            length--;
        }
        if (isBlank(line, from, length)) {
            return;
        }
        if (!decode(line, from, length)) {
            handler.malformed(lineNumber, "invalid UTF-8");
            return;
        }
        JsonNode row;
        try (JsonParser parser = json.createParser(chars.array(), 0, chars.position())) {
            row = json.readTree(parser);
        } catch (JsonProcessingException e) {
            handler.malformed(lineNumber, "bad JSON: " + e.getOriginalMessage());
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("parsing text in memory cannot fail to read", e);
        }
        handler.row(lineNumber, row);
    }

    /** Strict UTF-8 into the reused {@link #chars} buffer (grown as needed); false when the bytes are not UTF-8. */
    private boolean decode(byte[] line, int from, int length) {
        int need = length - from;
        if (chars.capacity() < need) {
            chars = CharBuffer.allocate(Math.max(need, chars.capacity() * 2));
        }
        chars.clear();
        utf8.reset();
        ByteBuffer bytes = ByteBuffer.wrap(line, from, need);
        CoderResult result = utf8.decode(bytes, chars, true);
        if (!result.isUnderflow()) {
            return false;
        }
        return utf8.flush(chars).isUnderflow();
    }

    private static boolean isBlank(byte[] line, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
