package dev.augury.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.augury.AuguryException;
import dev.augury.detect.DetectionContext;
import dev.augury.detect.Detector;
import dev.augury.fixtures.Dataset;
import dev.augury.fixtures.DatasetWriter;
import dev.augury.fixtures.Families;
import dev.augury.fixtures.Layout;
import dev.augury.report.Report;
import dev.augury.report.ReportJson;
import dev.augury.report.Finding;
import dev.augury.report.Verdict;
import dev.augury.text.Annotator;
import dev.augury.text.TextFeatures;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScannerTest {
    @TempDir
    Path dir;

    private Path cleanDataset(int rows) {
        Dataset clean = Families.background().generate(11L, rows);
        Path file = dir.resolve("clean.jsonl");
        DatasetWriter.write(clean, file, Layout.chat());
        return file;
    }

    private Report scan(ScanConfig config) {
        try (Scanner scanner = TestModels.scanner(config).build()) {
            return scanner.scan();
        }
    }

    private static JsonNode withoutTimings(Report report) throws Exception {
        ObjectNode tree = (ObjectNode) ReportJson.mapper().readTree(ReportJson.toString(report));
        tree.remove("timings");
        return tree;
    }

    /** A detector that only runs {@code body} on the view and finds nothing. */
    private static Detector detector(String id, Consumer<DatasetView> body) {
        return new Detector() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public List<Finding> detect(DatasetView view, DetectionContext context) {
                body.accept(view);
                return List.of();
            }
        };
    }

    @Test
    void theDetectorsStartWhileTheTextsAreStillBeingAnnotated() {
        Path file = cleanDataset(40);
        CountDownLatch vectorsOnlyRan = new CountDownLatch(1);
        AtomicBoolean annotatorWaitedForADetector = new AtomicBoolean();
        Annotator slow = texts -> {
            try {
                annotatorWaitedForADetector.set(vectorsOnlyRan.await(60, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return TestModels.annotator().annotate(texts);
        };
        AtomicReference<TextFeatures> read = new AtomicReference<>();
        List<Detector> detectors = List.of(
                detector("vectors-only", view -> {
                    assertThat(view.promptVector(0)).isNotNull();
                    vectorsOnlyRan.countDown();
                }),
                detector("reads-features", view -> read.set(view.promptFeatures(0))));
        try (Scanner scanner = Scanner.builder(ScanConfig.of(List.of(file))).encoder(TestModels.encoder())
                .annotator(slow).detectors(detectors).build()) {
            scanner.scan();
        }
        // The annotation could only finish once a detector had run: the detectors did not wait for it.
        assertThat(annotatorWaitedForADetector).isTrue();
        assertThat(read.get()).isNotNull();
    }

    @Test
    void anAnnotatorThatFailsStopsTheScanEvenWhenNoDetectorReadsTheFeatures() {
        Path file = cleanDataset(40);
        Annotator broken = texts -> {
            throw new IllegalStateException("the tagger broke");
        };
        try (Scanner scanner = Scanner.builder(ScanConfig.of(List.of(file))).encoder(TestModels.encoder())
                .annotator(broken).detectors(List.of(detector("vectors-only", view -> { }))).build()) {
            assertThatThrownBy(scanner::scan).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the tagger broke");
        }
    }

    @Test
    void theSameScanTwiceGivesIdenticalJsonApartFromTimings() throws Exception {
        Path file = cleanDataset(120);
        ScanConfig config = ScanConfig.of(List.of(file)).withCacheDir(dir.resolve("cache"));
        JsonNode first = withoutTimings(scan(config));
        JsonNode second = withoutTimings(scan(config));
        assertThat(second).isEqualTo(first);
        assertThat(first.path("datasets").get(0).path("records").asInt()).isEqualTo(120);
        assertThat(first.path("profile").path("records").asInt()).isEqualTo(120);
    }

    @Test
    void aWarmScanEncodesNothing() {
        Path file = cleanDataset(60);
        ScanConfig config = ScanConfig.of(List.of(file)).withCacheDir(dir.resolve("cache"));
        try (Scanner cold = TestModels.scanner(config).build()) {
            cold.scan();
            assertThat(cold.embedStats().encoded()).isPositive();
        }
        try (Scanner warm = TestModels.scanner(config).build()) {
            warm.scan();
            assertThat(warm.embedStats().encoded()).isZero();
            assertThat(warm.embedStats().cacheHits()).isPositive();
        }
    }

    @Test
    void aMalformedRowIsReportedWithItsLineAndTheRestIsScanned() throws Exception {
        Path file = cleanDataset(40);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        lines.add(5, "{\"messages\": [ this is not json");
        Files.write(file, lines, StandardCharsets.UTF_8);
        Report report = scan(ScanConfig.of(List.of(file)));
        assertThat(report.datasets().get(0).records()).isEqualTo(40);
        assertThat(report.datasets().get(0).malformed()).isEqualTo(1);
        assertThat(report.malformedRows()).singleElement().satisfies(m -> {
            assertThat(m.source()).endsWith("clean.jsonl");
            assertThat(m.line()).isEqualTo(6);
        });
        assertThat(report.findings()).anySatisfy(f -> assertThat(f.category()).isEqualTo("data-quality"));
    }

    @Test
    void tooFewRecordsIsInconclusiveNotPass() {
        Path file = cleanDataset(3);
        Report report = scan(ScanConfig.of(List.of(file)));
        assertThat(report.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w).contains("too few"));
    }

    @Test
    void aMissingFileIsAUserError() {
        ScanConfig config = ScanConfig.of(List.of(dir.resolve("nope.jsonl")));
        assertThatThrownBy(() -> scan(config)).isInstanceOf(AuguryException.class).hasMessageContaining("nope.jsonl");
    }

    @Test
    void theReportValidatesAgainstItsSchema() throws Exception {
        Report report = scan(ScanConfig.of(List.of(cleanDataset(50))));
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/augury/report.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        Set<ValidationMessage> errors = schema.validate(ReportJson.mapper().readTree(ReportJson.toString(report)));
        assertThat(errors).isEmpty();
    }
}
