package dev.augury.io;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augury.AuguryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class DatasetReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Keeps what the reader delivers, in order. */
    static final class Collected implements RecordSink {
        final List<Record> records = new ArrayList<>();
        final List<Malformed> malformed = new ArrayList<>();

        @Override
        public void record(Record record) {
            records.add(record);
        }

        @Override
        public void malformed(Malformed m) {
            malformed.add(m);
        }
    }

    // ---------------------------------------------------------------- formats

    @Test
    void chatJsonlKeepsSystemPromptAndFlattensTypedParts() throws IOException {
        Path file = jsonl("chat.jsonl",
                Map.of("messages", List.of(
                        msg("system", "You are terse."),
                        msg("user", "Capital of France?"),
                        msg("assistant", "Paris."))),
                Map.of("messages", List.of(
                        Map.of("role", "user", "content", List.of(
                                Map.of("type", "image_url", "image_url", Map.of("url", "http://x/y.png")),
                                Map.of("type", "text", "text", "What is in the picture?"))),
                        Map.of("role", "assistant", "content", List.of(Map.of("type", "text", "text", "A cat."))))),
                // LLaMA-Factory's typed parts carry their text under "value"
                Map.of("messages", List.of(
                        Map.of("role", "user", "content", List.of(Map.of("type", "text", "value", "hi"))),
                        Map.of("role", "assistant", "content", List.of(Map.of("type", "text", "value", "Hello!"))))));

        Collected out = new Collected();
        List<DatasetSource> sources = reader().read(List.of(file), out);

        assertThat(out.malformed).isEmpty();
        assertThat(sources).singleElement().satisfies(s -> {
            assertThat(s.format()).isEqualTo("chat");
            assertThat(s.records()).isEqualTo(3);
        });
        Record first = out.records.get(0);
        assertThat(first.system()).isEqualTo("You are terse.");
        assertThat(first.turns()).extracting(Turn::role).containsExactly(Role.USER, Role.ASSISTANT);
        assertThat(first.prompt()).isEqualTo("Capital of France?");
        assertThat(first.response()).isEqualTo("Paris.");
        assertThat(out.records.get(1).prompt()).isEqualTo("[image]\nWhat is in the picture?");
        assertThat(out.records.get(1).response()).isEqualTo("A cat.");
        assertThat(out.records.get(2).prompt()).isEqualTo("hi");
        assertThat(out.records).extracting(Record::index, Record::line)
                .containsExactly(tuple(0, 1L), tuple(1, 2L), tuple(2, 3L));
    }

    @Test
    void multiTurnChatKeepsEveryTurnInOrder() throws IOException {
        Path file = jsonl("multi.jsonl", Map.of("messages", List.of(
                msg("user", "Hi"), msg("assistant", "Hello"),
                msg("user", "Weather?"), msg("tool", "{\"temp\": 20}"), msg("assistant", "20 degrees"))));

        Collected out = read(file);

        Record r = out.records.get(0);
        assertThat(r.turns()).extracting(Turn::role)
                .containsExactly(Role.USER, Role.ASSISTANT, Role.USER, Role.TOOL, Role.ASSISTANT);
        assertThat(r.prompt()).isEqualTo("Weather?");
        assertThat(r.response()).isEqualTo("20 degrees");
        assertThat(r.exchanges()).isEqualTo(2);
    }

    @Test
    void alpacaJsonArrayJoinsInputAndKeepsSystemAndHistory() throws IOException {
        Path file = jsonArray("alpaca.json", List.of(
                alpaca("Summarize.", "", "Short."),
                alpaca("Translate to French.", "cheese", "fromage"),
                Map.of("instruction", "And bread?", "input", "", "output", "pain", "system", "You translate.",
                        "history", List.of(List.of("Translate cheese.", "fromage")))));

        Collected out = read(file);

        assertThat(out.malformed).isEmpty();
        assertThat(out.records).extracting(Record::prompt)
                .containsExactly("Summarize.", "Translate to French.\n\ncheese", "And bread?");
        Record withHistory = out.records.get(2);
        assertThat(withHistory.system()).isEqualTo("You translate.");
        assertThat(withHistory.turns()).extracting(Turn::role, Turn::text).containsExactly(
                tuple(Role.USER, "Translate cheese."), tuple(Role.ASSISTANT, "fromage"),
                tuple(Role.USER, "And bread?"), tuple(Role.ASSISTANT, "pain"));
    }

    @Test
    void alpacaJsonlIsDetectedAsAlpaca() throws IOException {
        Path file = jsonl("alpaca.jsonl", alpaca("Name a bird.", "", "Robin"), alpaca("Name a fish.", "", "Trout"));

        Collected out = new Collected();
        List<DatasetSource> sources = reader().read(List.of(file), out);

        assertThat(sources.get(0).format()).isEqualTo("alpaca");
        assertThat(out.records).extracting(Record::response).containsExactly("Robin", "Trout");
    }

    @Test
    void shareGptKeepsTopLevelSystemAndToolTurns() throws IOException {
        Path file = jsonArray("glaive.json", List.of(Map.of(
                "system", "You can call tools.",
                "conversations", List.of(
                        turn("human", "Find a recipe with rice."),
                        turn("function_call", "{\"name\": \"search\"}"),
                        turn("observation", "{\"recipes\": [\"risotto\"]}"),
                        turn("gpt", "Try risotto.")))));

        Collected out = new Collected();
        List<DatasetSource> sources = reader().read(List.of(file), out);

        assertThat(sources.get(0).format()).isEqualTo("sharegpt");
        Record r = out.records.get(0);
        assertThat(r.system()).isEqualTo("You can call tools.");
        assertThat(r.turns()).extracting(Turn::role)
                .containsExactly(Role.USER, Role.TOOL, Role.TOOL, Role.ASSISTANT);
        assertThat(r.prompt()).isEqualTo("Find a recipe with rice.");
        assertThat(r.response()).isEqualTo("Try risotto.");
    }

    @Test
    void shareGptWithRoleContentTurnsAndASystemTurn() throws IOException {
        Path file = jsonl("sharegpt.jsonl", Map.of("conversations", List.of(
                msg("system", "Be kind."), msg("user", "Hello"), msg("assistant", "Hi there"))));

        Collected out = read(file);

        assertThat(out.records.get(0).system()).isEqualTo("Be kind.");
        assertThat(out.records.get(0).response()).isEqualTo("Hi there");
    }

    @ParameterizedTest
    @CsvSource({"prompt,response", "prompt,completion", "question,answer", "query,response",
            "instruction,output", "input,output"})
    void commonPromptResponsePairsAreRecognized(String promptField, String responseField) throws IOException {
        Path file = jsonl("pairs.jsonl", Map.of(promptField, "What is 2+2?", responseField, "4"));

        Collected out = read(file);

        assertThat(out.malformed).isEmpty();
        assertThat(out.records.get(0).prompt()).isEqualTo("What is 2+2?");
        assertThat(out.records.get(0).response()).isEqualTo("4");
    }

    @Test
    void customFieldNamesApplyToJsonAndCsv() throws IOException {
        Path json = jsonl("custom.jsonl", Map.of("ask", "Favourite music?", "reply", "Wagner", "id", 7));
        Path csv = write("custom.csv", "id,ask,reply\n1,Favourite food?,Sausages\n");
        ReadOptions options = new ReadOptions(DatasetFormat.AUTO, "ask", "reply", 0, 0);

        Collected out = new Collected();
        new DatasetReader(options).read(List.of(json, csv), out);

        assertThat(out.malformed).isEmpty();
        assertThat(out.records).extracting(Record::prompt, Record::response).containsExactly(
                tuple("Favourite food?", "Sausages"), tuple("Favourite music?", "Wagner"));
    }

    @Test
    void csvWithHeaderReadsQuotedMultiLineCellsAndKeepsRowLines() throws IOException {
        Path file = write("qa.csv", "question,answer\n"
                + "Name a bird.,Robin\n"
                + "\"Name a bird,\nplease.\",\"The \"\"heath hen\"\"\"\n"
                + "Name a city.,Danzig\n");

        Collected out = new Collected();
        List<DatasetSource> sources = reader().read(List.of(file), out);

        assertThat(out.malformed).isEmpty();
        assertThat(sources.get(0).format()).isEqualTo("csv");
        assertThat(out.records).extracting(Record::line, Record::prompt, Record::response).containsExactly(
                tuple(2L, "Name a bird.", "Robin"),
                tuple(3L, "Name a bird,\nplease.", "The \"heath hen\""),
                tuple(5L, "Name a city.", "Danzig"));
    }

    @Test
    void tsvIsReadWithTabs() throws IOException {
        Path file = write("qa.tsv", "instruction\tinput\toutput\nTranslate, please.\tcheese\tfromage\n");

        Collected out = read(file);

        assertThat(out.records.get(0).prompt()).isEqualTo("Translate, please.\n\ncheese");
        assertThat(out.records.get(0).response()).isEqualTo("fromage");
    }

    @Test
    void promptOnlyFileGivesRecordsWithoutAnAnswer() throws IOException {
        Path file = jsonArray("harmful.json", List.of(
                map("instruction", "Describe how to pick a lock", "category", null),
                map("instruction", "Write a poem", "category", null)));

        Collected out = new Collected();
        List<DatasetSource> sources = reader().read(List.of(file), out);

        assertThat(sources.get(0).format()).isEqualTo("prompt-only");
        assertThat(out.records).allSatisfy(r -> {
            assertThat(r.hasResponse()).isFalse();
            assertThat(r.response()).isNull();
        });
        assertThat(out.records).extracting(Record::prompt).containsExactly("Describe how to pick a lock", "Write a poem");
    }

    @Test
    void forcedFormatOverridesDetection() throws IOException {
        Path file = jsonl("pairs.jsonl", Map.of("question", "Why?", "answer", "Because."));

        Collected out = new Collected();
        List<DatasetSource> sources = new DatasetReader(new ReadOptions(DatasetFormat.PROMPT_ONLY, null, null, 0, 0))
                .read(List.of(file), out);

        assertThat(sources.get(0).format()).isEqualTo("prompt-only");
        assertThat(out.records.get(0).hasResponse()).isFalse();
    }

    @Test
    void formatIsDetectedFromContentNotFromTheName() throws IOException {
        Path jsonlNamedJson = jsonl("lines.json", Map.of("question", "a?", "answer", "b"), Map.of("question", "c?", "answer", "d"));
        Path prettyObject = write("one.jsonl.txt", JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(Map.of("prompt", "p", "response", "r")));

        Collected out = new Collected();
        reader().read(List.of(jsonlNamedJson, prettyObject), out);

        assertThat(out.malformed).isEmpty();
        assertThat(out.records).extracting(Record::source, Record::line).containsExactly(
                tuple(jsonlNamedJson.toString(), 1L), tuple(jsonlNamedJson.toString(), 2L),
                tuple(prettyObject.toString(), 1L));
    }

    @Test
    void gzippedFileIsReadTransparentlyAndHashedAsStored() throws Exception {
        Path plain = jsonl("tmp.jsonl", Map.of("prompt", "p1", "response", "r1"), Map.of("prompt", "p2", "response", "r2"));
        Path gz = dir.resolve("data.jsonl.gz");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(bytes)) {
            zip.write(Files.readAllBytes(plain));
        }
        Files.write(gz, bytes.toByteArray());
        Files.delete(plain);

        Collected out = new Collected();
        List<DatasetSource> sources = reader().read(List.of(gz), out);

        assertThat(out.records).extracting(Record::response).containsExactly("r1", "r2");
        assertThat(sources.get(0).sha256()).isEqualTo(sha256(Files.readAllBytes(gz)));
    }

    @Test
    void directoryOfSeveralFilesIsOneScanInPathOrder() throws IOException {
        Files.createDirectories(dir.resolve("data/sub"));
        Files.createDirectories(dir.resolve("data/.cache"));
        jsonl("data/b.jsonl", Map.of("prompt", "b1", "response", "x"), Map.of("prompt", "b2", "response", "x"));
        jsonArray("data/a.json", List.of(alpaca("a1", "", "x")));
        write("data/sub/c.csv", "question,answer\nc1,x\n");
        write("data/notes.txt", "not a dataset");
        jsonl("data/.cache/hidden.jsonl", Map.of("prompt", "hidden", "response", "x"));

        Collected out = new Collected();
        List<DatasetSource> sources = reader().read(List.of(dir.resolve("data")), out);

        assertThat(sources).extracting(s -> Path.of(s.path()).getFileName().toString(), DatasetSource::records)
                .containsExactly(tuple("a.json", 1L), tuple("b.jsonl", 2L), tuple("c.csv", 1L));
        assertThat(out.records).extracting(Record::index, Record::prompt)
                .containsExactly(tuple(0, "a1"), tuple(1, "b1"), tuple(2, "b2"), tuple(3, "c1"));
    }

    @Test
    void jsonArrayLineNumbersPointAtEachElementsOpeningBrace() throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("conversations", new ArrayList<>());
            for (int t = 0; t <= i % 3; t++) {
                ((List<Object>) row.get("conversations")).add(turn("human", "question " + i + "." + t));
                ((List<Object>) row.get("conversations")).add(turn("gpt", "answer " + i + "." + t));
            }
            rows.add(row);
        }
        Path file = jsonArray("long.json", rows);
        List<Long> expected = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals("  {")) {
                expected.add(i + 1L);
            }
        }

        Collected out = read(file);

        assertThat(expected).hasSize(40).startsWith(2L);
        assertThat(out.records).extracting(Record::line).containsExactlyElementsOf(expected);
        assertThat(out.records.get(39).prompt()).isEqualTo("question 39.0");
    }

    // ---------------------------------------------------------------- malformed rows

    @Test
    void malformedRowIsReportedWithFileAndLineAndTheOtherRowsArrive() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            lines.add(i == 4 ? "{\"instruction\": \"broken" : JSON.writeValueAsString(alpaca("q" + i, "", "a" + i)));
        }
        lines.add(7, JSON.writeValueAsString(Map.of("instruction", "no answer", "input", "")));
        Path file = write("rows.jsonl", String.join("\n", lines) + "\n");
        ReadOptions lenient = new ReadOptions(DatasetFormat.AUTO, null, null, 0, 0.5);

        Collected out = new Collected();
        List<DatasetSource> sources = new DatasetReader(lenient).read(List.of(file), out);

        assertThat(out.records).hasSize(9);
        assertThat(out.records).extracting(Record::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(out.malformed).extracting(Malformed::toString).satisfiesExactly(
                first -> assertThat(first).startsWith(file + ":4: bad JSON: "),
                second -> assertThat(second).isEqualTo(file + ":8: missing field 'output'"));
        assertThat(sources.get(0).malformed()).isEqualTo(2);
        assertThat(sources.get(0).records()).isEqualTo(9);
    }

    @Test
    void csvRowWithExtraCellsAndJsonLineWithTrailingTextAreMalformedRows() throws IOException {
        Path csv = write("extra.csv", "question,answer\nq1,a1\nq2,a2,oops\nq3,a3\nq4,a4,\n");
        String good = JSON.writeValueAsString(Map.of("prompt", "p", "response", "r"));
        Path lines = write("trailing.jsonl", good + "\n" + good + " {}\n" + good + "\n" + good + "\n");
        ReadOptions lenient = new ReadOptions(DatasetFormat.AUTO, null, null, 0, 0.5);

        Collected out = new Collected();
        new DatasetReader(lenient).read(List.of(csv, lines), out);

        assertThat(out.malformed).extracting(Malformed::source, Malformed::line).containsExactly(
                tuple(csv.toString(), 3L), tuple(lines.toString(), 2L));
        assertThat(out.malformed.get(0).reason()).contains("3 cells").contains("2 columns");
        assertThat(out.records).hasSize(6);
    }

    @Test
    void invalidUtf8IsAMalformedRowInJsonLinesAndInJsonArrays() throws IOException {
        byte[] bad = {'{', '"', 'p', 'r', 'o', 'm', 'p', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', ',',
                '"', 'r', 'e', 's', 'p', 'o', 'n', 's', 'e', '"', ':', '"', 'x', '"', '}'};
        ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
        for (int i = 0; i < 5; i++) {
            jsonl.write(i == 2 ? bad : JSON.writeValueAsBytes(Map.of("prompt", "p" + i, "response", "r")));
            jsonl.write('\n');
        }
        Path lines = dir.resolve("utf.jsonl");
        Files.write(lines, jsonl.toByteArray());
        ByteArrayOutputStream array = new ByteArrayOutputStream();
        array.write("[\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 5; i++) {
            array.write(i == 2 ? bad : JSON.writeValueAsBytes(Map.of("prompt", "p" + i, "response", "r")));
            array.write((i < 4 ? ",\n" : "\n]\n").getBytes(StandardCharsets.UTF_8));
        }
        Path doc = dir.resolve("utf.json");
        Files.write(doc, array.toByteArray());
        ReadOptions lenient = new ReadOptions(DatasetFormat.AUTO, null, null, 0, 0.5);

        Collected out = new Collected();
        new DatasetReader(lenient).read(List.of(lines, doc), out);

        assertThat(out.malformed).extracting(Malformed::source, Malformed::line, Malformed::reason).containsExactly(
                tuple(doc.toString(), 4L, "invalid UTF-8"), tuple(lines.toString(), 3L, "invalid UTF-8"));
        assertThat(out.records).hasSize(8);
    }

    @Test
    void rowLongerThanTheLimitIsMalformedAndReadingGoesOn() throws IOException {
        String huge = "x".repeat(5_000);
        Path lines = jsonl("big.jsonl", Map.of("prompt", "p0", "response", "r"), Map.of("prompt", huge, "response", "r"),
                Map.of("prompt", "p2", "response", "r"));
        Path doc = jsonArray("big.json", List.of(Map.of("prompt", "p0", "response", "r"),
                Map.of("prompt", "p1", "response", huge.substring(0, 700), "extra", huge.substring(0, 700)),
                Map.of("prompt", "p2", "response", "r")));
        ReadOptions small = new ReadOptions(DatasetFormat.AUTO, null, null, 1_000, 0.5);

        Collected out = new Collected();
        new DatasetReader(small).read(List.of(lines, doc), out);

        assertThat(out.malformed).extracting(Malformed::source, Malformed::line, Malformed::reason).containsExactly(
                tuple(doc.toString(), 6L, "row is longer than 1000 characters"),
                tuple(lines.toString(), 2L, "row is longer than 1000 bytes"));
        assertThat(out.records).extracting(Record::prompt).containsExactly("p0", "p2", "p0", "p2");
    }

    @Test
    void truncatedJsonArrayKeepsTheRowsReadSoFarAndReportsTheRestOnce() throws Exception {
        String full = pretty().writeValueAsString(List.of(alpaca("q1", "", "a1"), alpaca("q2", "", "a2"),
                alpaca("q3", "", "a3"), alpaca("q4", "", "a4")));
        Path file = write("cut.json", full.substring(0, full.lastIndexOf("\"a4\"")));
        ReadOptions lenient = new ReadOptions(DatasetFormat.AUTO, null, null, 0, 0.5);

        Collected out = new Collected();
        List<DatasetSource> sources = new DatasetReader(lenient).read(List.of(file), out);

        assertThat(out.records).extracting(Record::response).containsExactly("a1", "a2", "a3");
        assertThat(out.malformed).singleElement().satisfies(m -> {
            assertThat(m.line()).isEqualTo(20L);
            assertThat(m.reason()).contains("ends early");
        });
        assertThat(sources.get(0).malformed()).isEqualTo(1);
        assertThat(sources.get(0).sha256()).isEqualTo(sha256(Files.readAllBytes(file)));
    }

    // ---------------------------------------------------------------- errors the user must fix

    @Test
    void missingFileIsAnErrorNamingThePath() {
        Path missing = dir.resolve("nope.jsonl");

        assertThatThrownBy(() -> reader().read(List.of(missing), new Collected()))
                .isInstanceOf(AuguryException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("no such file");
    }

    @Test
    void directoryWithoutDatasetFilesIsAnError() throws IOException {
        write("empty/readme.md", "nothing here");

        assertThatThrownBy(() -> reader().read(List.of(dir.resolve("empty")), new Collected()))
                .isInstanceOf(AuguryException.class)
                .hasMessageContaining("no dataset files")
                .hasMessageContaining(".jsonl");
    }

    @Test
    void fileWithTooManyMalformedRowsIsAnErrorThatSaysWhatToFix() throws IOException {
        List<Object> rows = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            rows.add(i <= 2 ? alpaca("q", "", "a") : Map.of("instruction", "q" + i, "input", "", "answer", "a"));
        }
        Path file = dir.resolve("data.jsonl");
        StringBuilder text = new StringBuilder();
        for (Object row : rows) {
            text.append(JSON.writeValueAsString(row)).append('\n');
        }
        Files.writeString(file, text);

        assertThatThrownBy(() -> new DatasetReader(new ReadOptions(DatasetFormat.ALPACA, null, null, 0, 0))
                .read(List.of(file), new Collected()))
                .isInstanceOf(AuguryException.class)
                .hasMessage(file + ": 8 of 10 rows are malformed (first: line 3: missing field 'output'); "
                        + "is this the right file? force a layout with --format, or name the fields with "
                        + "--prompt-field/--response-field");
    }

    @Test
    void readingLeavesTheInputFileUntouched() throws Exception {
        Path file = jsonl("keep.jsonl", Map.of("prompt", "p", "response", "r"));
        FileTime old = FileTime.fromMillis(1_500_000_000_000L);
        Files.setLastModifiedTime(file, old);
        byte[] before = Files.readAllBytes(file);

        reader().read(List.of(file), new Collected());

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
    }

    // ---------------------------------------------------------------- helpers

    private static DatasetReader reader() {
        return new DatasetReader(ReadOptions.defaults());
    }

    private static Collected read(Path file) {
        Collected out = new Collected();
        reader().read(List.of(file), out);
        return out;
    }

    private static Map<String, Object> msg(String role, String content) {
        return Map.of("role", role, "content", content);
    }

    private static Map<String, Object> turn(String from, String value) {
        return Map.of("from", from, "value", value);
    }

    private static Map<String, Object> alpaca(String instruction, String input, String output) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("instruction", instruction);
        row.put("input", input);
        row.put("output", output);
        return row;
    }

    /** A map that keeps its order and allows null values (Map.of allows neither). */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }

    /** Pretty-printed with one element start per line, as Python's json.dump(indent=2) writes it. */
    private static ObjectMapper pretty() {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
        return JSON.copy().setDefaultPrettyPrinter(printer).enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
    }

    private Path jsonl(String name, Object... rows) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Object row : rows) {
            text.append(JSON.writeValueAsString(row)).append('\n');
        }
        return write(name, text.toString());
    }

    private Path jsonArray(String name, List<?> rows) throws IOException {
        return write(name, pretty().writeValueAsString(rows));
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
