package dev.augury.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV or TSV with a header row, read row by row with jackson-dataformat-csv. Rows are read as plain lists of
 * cells and matched to the header here, so a row with the wrong number of cells is one malformed row rather
 * than an error that stops the file. Each row becomes an object of text fields, so the same layouts apply as
 * for JSON (question/answer, instruction/input/output, or the names given with --prompt-field/--response-field).
 */
final class DelimitedRows implements RowSource {
    private final CsvMapper csv;
    private final Reader in;
    private final char separator;
    private final int maxRowChars;

    DelimitedRows(Reader in, char separator, int maxRowChars) {
        this.in = in;
        this.separator = separator;
        this.maxRowChars = maxRowChars;
        // A cell longer than a row (an unclosed quote swallowing the file) stops before it is all in memory.
        this.csv = new CsvMapper(CsvFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(maxRowChars).build())
                .build());
    }

    @Override
    public void read(RowHandler handler) throws IOException {
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator);
        List<String> header = null;
        long rowStart = 1;
        long rowStartChars = 0;
        try (MappingIterator<String[]> rows = csv.readerFor(String[].class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY)
                .with(CsvParser.Feature.SKIP_EMPTY_LINES)
                .with(schema)
                .readValues(in)) {
            while (rows.hasNextValue()) {
                String[] cells = rows.nextValue();
                JsonLocation end = rows.getParser().currentLocation();
                long line = Math.max(1, rowStart);
                long chars = end.getCharOffset() - rowStartChars;
                rowStart = end.getLineNr();
                rowStartChars = end.getCharOffset();
                if (header == null) {
                    header = header(cells);
                    continue;
                }
                if (chars > maxRowChars) {
                    handler.malformed(line, "row is longer than " + maxRowChars + " characters");
                    continue;
                }
                if (isEmpty(cells)) {
                    continue;
                }
                int used = usedCells(cells);
                if (used > header.size()) {
                    handler.malformed(line, "row has " + used + " cells but the header names " + header.size()
                            + " columns (an unquoted separator or quote?)");
                    continue;
                }
                ObjectNode row = JsonNodeFactory.instance.objectNode();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), i < cells.length ? cells[i] : "");
                }
                handler.row(line, row);
            }
        } catch (RuntimeJsonMappingException | JsonProcessingException e) {
            // The row where the trouble starts (e.g. an unclosed quote) is more useful than where the parser gave up.
            String why = isTooLong(e) ? "a cell is longer than " + maxRowChars + " characters (an unclosed quote?)"
                    : e.getMessage().lines().findFirst().orElse("");
            handler.malformed(Math.max(1, rowStart), "the CSV is broken here, the rest of the file is skipped: " + why);
        }
    }

    private static boolean isTooLong(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException) {
                return true;
            }
        }
        return false;
    }

    private static List<String> header(String[] cells) {
        List<String> names = new ArrayList<>(cells.length);
        for (int i = 0; i < cells.length; i++) {
            String name = cells[i] == null ? "" : cells[i].trim();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1).trim();
            }
            names.add(name);
        }
        return names;
    }

    private static boolean isEmpty(String[] cells) {
        for (String cell : cells) {
            if (cell != null && !cell.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Trailing empty cells (a row ending in a separator) are not extra columns. */
    private static int usedCells(String[] cells) {
        int n = cells.length;
        while (n > 0 && (cells[n - 1] == null || cells[n - 1].isEmpty())) {
            n--;
        }
        return n;
    }
}
