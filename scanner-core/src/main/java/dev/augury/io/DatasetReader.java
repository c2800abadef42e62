package dev.augury.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augury.AuguryException;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads finetuning datasets into {@link Record}s, streaming: files and directories (searched recursively for
 * .jsonl, .json, .ndjson, .csv, .tsv, each optionally .gz) make one scan, records are numbered across it, and
 * no file is ever held whole in memory or written to.
 *
 * <p>Per file, three things are decided from the content: whether it is gzipped (magic bytes), its container
 * (JSON Lines, a JSON document, or delimited text with a header), and its layout (chat, ShareGPT, Alpaca, a
 * prompt/response pair, prompt-only; see {@link Layouts}), unless {@link ReadOptions#format()} forces one.
 * Bad rows go to {@link RecordSink#malformed} and reading goes on; a file that cannot be read, or with too
 * many bad rows, is an {@link AuguryException} that says what to fix.
 */
public final class DatasetReader {
    /** 1 MiB of the start of a file is enough to see its first line and tell JSON Lines from a JSON document. */
    static final int PEEK_BYTES = 1 << 20;
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private final ReadOptions options;
    private final ObjectMapper json;

    public DatasetReader(ReadOptions options) {
        this.options = options == null ? ReadOptions.defaults() : options;
        // A single string longer than a row cannot be part of an acceptable row: stop before buffering it.
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(this.options.maxRowBytes()).build())
                .build();
        this.json = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * Reads every input into {@code sink}, in order: files sorted by path, rows in file order, record indexes
     * 0, 1, 2, ... across all files.
     *
     * @return one entry per file read, in the order read
     * @throws AuguryException when an input is missing or unreadable, a directory holds no dataset file, a
     *                         file has more than {@link ReadOptions#maxMalformedShare()} malformed rows, or the
     *                         inputs hold no rows at all
     */
    public List<DatasetSource> read(List<Path> inputs, RecordSink sink) {
        List<Path> files = InputFiles.expand(inputs);
        FileRows.Counter indexes = new FileRows.Counter();
        List<DatasetSource> sources = new ArrayList<>(files.size());
        long malformed = 0;
        for (Path file : files) {
            DatasetSource source = readFile(file, sink, indexes);
            malformed += source.malformed();
            sources.add(source);
        }
        if (indexes.count() == 0) {
            throw new AuguryException((files.size() == 1 ? files.get(0) + " holds" : "the inputs hold")
                    + " no readable rows" + (malformed > 0 ? "" : " (empty?)") + "; check the path");
        }
        return List.copyOf(sources);
    }

    private DatasetSource readFile(Path file, RecordSink sink, FileRows.Counter indexes) {
        MessageDigest sha256 = sha256();
        FileRows rows = new FileRows(file.toString(), new Layouts(options), sink, indexes);
        boolean delimited;
        try (InputStream raw = Files.newInputStream(file);
             DigestInputStream digested = new DigestInputStream(raw, sha256)) {
            BufferedInputStream buffered = new BufferedInputStream(digested, BUFFER_BYTES);
            BufferedInputStream content = isGzip(buffered)
                    ? new BufferedInputStream(new GZIPInputStream(buffered, BUFFER_BYTES), BUFFER_BYTES)
                    : buffered;
            Container container = sniff(file, content);
            delimited = container == Container.TSV || container == Container.CSV;
            // Parsers close what they read; the file must stay open so the digest can finish it.
            RowSource source = rowSource(container, new FilterInputStream(content) {
                @Override
                public void close() {
                    // kept open for the digest; closed with the file below
                }
            });
            if (source != null) {
                source.read(rows);
            }
            // The digest covers the whole file even when reading stopped early (a broken JSON document).
            digested.on(true);
            byte[] rest = new byte[BUFFER_BYTES];
            while (digested.read(rest) >= 0) {
                // only digesting
            }
        } catch (NoSuchFileException e) {
            throw new AuguryException(file + ": no such file; check the path", e);
        } catch (AccessDeniedException e) {
            throw new AuguryException(file + ": cannot be read (permission denied); check its permissions", e);
        } catch (IOException e) {
            throw new AuguryException(file + ": cannot be read (" + e.getMessage() + "); is it a complete, "
                    + "uncorrupted dataset file?", e);
        }
        rows.checkMalformedShare(options.maxMalformedShare());
        return new DatasetSource(file.toString(), formatId(rows.layout(), delimited), rows.records(),
                rows.malformedCount(), HexFormat.of().formatHex(sha256.digest()));
    }

    private String formatId(Layout layout, boolean delimited) {
        if (delimited) {
            return DatasetFormat.CSV.id();
        }
        if (layout != null) {
            return layout.format().id();
        }
        return options.format().id();
    }

    /** The container syntax of a file, decided from its first non-blank bytes. */
    enum Container { EMPTY, JSON_LINES, JSON_DOCUMENT, CSV, TSV }

    private Container sniff(Path file, BufferedInputStream content) throws IOException {
        content.mark(PEEK_BYTES);
        byte[] head = content.readNBytes(PEEK_BYTES);
        content.reset();
        int at = 0;
        if (head.length >= 2 && ((head[0] == (byte) 0xFE && head[1] == (byte) 0xFF)
                || (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE))) {
            throw new AuguryException(file + ": the text is UTF-16; save it as UTF-8");
        }
        if (head.length >= 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF) {
            content.skipNBytes(3);
            at = 3;
        }
        String name = InputFiles.baseName(file);
        if (options.format() == DatasetFormat.CSV) {
            return delimiter(name, head, at);
        }
        while (at < head.length && isWhitespace(head[at])) {
            at++;
        }
        if (at == head.length) {
            return Container.EMPTY;
        }
        if (head[at] == '[') {
            return Container.JSON_DOCUMENT;
        }
        if (head[at] == '{') {
            return firstLineIsJson(name, head, at) ? Container.JSON_LINES : Container.JSON_DOCUMENT;
        }
        return delimiter(name, head, at);
    }

    /**
     * JSON Lines when the first line is a whole JSON value, when the name says so, or when the line at least
     * ends like an object (a broken first row); a document when it is the start of a pretty-printed object.
     */
    private boolean firstLineIsJson(String name, byte[] head, int from) {
        int end = from;
        while (end < head.length && head[end] != '\n') {
            end++;
        }
        if (end == head.length && head.length == PEEK_BYTES) {
            return true; // a first line longer than the peek is no pretty-printed document
        }
        try {
            json.readTree(head, from, end - from);
            return true;
        } catch (IOException e) {
            if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
                return true;
            }
            int last = end - 1;
            while (last > from && isWhitespace(head[last])) {
                last--;
            }
            return last > from && head[last] == '}';
        }
    }

    private static Container delimiter(String name, byte[] head, int from) {
        if (name.endsWith(".tsv")) {
            return Container.TSV;
        }
        if (name.endsWith(".csv")) {
            return Container.CSV;
        }
        int tabs = 0;
        int commas = 0;
        for (int i = from; i < head.length && head[i] != '\n'; i++) {
            tabs += head[i] == '\t' ? 1 : 0;
            commas += head[i] == ',' ? 1 : 0;
        }
        return tabs > commas ? Container.TSV : Container.CSV;
    }

    private RowSource rowSource(Container container, InputStream content) {
        switch (container) {
            case JSON_LINES:
                return new JsonLinesRows(content, options.maxRowBytes(), json.reader());
            case JSON_DOCUMENT:
                return new JsonDocumentRows(replacingReader(content), json, options.maxRowBytes());
            case CSV:
                return new DelimitedRows(replacingReader(content), ',', options.maxRowBytes());
            case TSV:
                return new DelimitedRows(replacingReader(content), '\t', options.maxRowBytes());
            case EMPTY:
            default:
                return null;
        }
    }

    /**
     * For documents and CSV, where a parse cannot resume after an error: bytes that are not UTF-8 become
     * U+FFFF, and the row holding them is reported as malformed (see {@link FileRows}).
     */
    private static Reader replacingReader(InputStream content) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(String.valueOf(FileRows.INVALID_UTF8));
        return new InputStreamReader(content, decoder);
    }

    private static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == GZIP_MAGIC_1 && b2 == GZIP_MAGIC_2;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
