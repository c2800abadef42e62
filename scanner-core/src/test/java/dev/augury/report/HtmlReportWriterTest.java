package dev.augury.report;

import static dev.augury.report.TestReports.finding;
import static dev.augury.report.TestReports.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.augury.report.policy.Policy;
import dev.augury.report.policy.PolicyResult;
import dev.augury.report.policy.Suppressions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportWriterTest {
    static final String SCRIPT = "<script>alert('x')</script>";

    static String html(Finding... findings) {
        Report report = report(Verdict.FAIL, Severity.HIGH, List.of("data.jsonl"), findings);
        return new HtmlReportWriter().toHtml(report, PolicyResult.none(report));
    }

    static int count(String haystack, String needle) {
        return haystack.split(Pattern.quote(needle), -1).length - 1;
    }

    static Map<String, Object> plot(Object plot) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("plot", plot);
        details.put("pValue", 0.001);
        return details;
    }

    @Test
    void dataFromADatasetCannotInjectMarkupAnywhere() {
        String evil = SCRIPT + "\"><img src=x onerror=alert(1)>";
        Finding f = new Finding("trigger-backdoor-" + evil, "trigger-backdoor", Severity.CRITICAL, 0.9, "title " + evil,
                "summary " + evil, List.of(new Evidence("d" + evil + ".jsonl", 1, "excerpt " + evil, "note " + evil)),
                plot(Map.of("points", List.of(Map.of("x", 1, "y", 2, "group", evil), Map.of("x", 2, "y", 1, "group", "b")),
                        "pointsCaption", evil, "bars", List.of(Map.of("label", evil, "value", 1.0)))),
                "detector " + evil);
        Report report = new Report(1, new Report.Tool("augury", evil), List.of(), Verdict.FAIL, Severity.HIGH, List.of(f),
                List.of(), List.of("warning " + evil), Map.of("k", evil), Map.of());
        String page = new HtmlReportWriter().toHtml(report, PolicyResult.none(report));

        assertThat(page).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<img");
        // Every real tag comes from the writer: none carries an event-handler attribute.
        Matcher tag = Pattern.compile("<[a-zA-Z][^>]*>").matcher(page);
        while (tag.find()) {
            String withoutValues = tag.group().replaceAll("\"[^\"]*\"", "\"\"");
            assertThat(withoutValues).doesNotContainPattern("\\son[a-z]+=").doesNotContain(" src=");
        }
        assertThat(page).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assertThat(page).contains("<svg"); // the plot is still drawn, with the group name escaped in its legend
    }

    @Test
    void thePageLoadsNothingFromTheNetwork() {
        String page = html(finding(Category.ERA_SHIFT, Severity.HIGH, "19th-century birds", List.of(),
                plot(Map.of("bars", List.of(Map.of("label", "1850-1899", "value", 0.6, "reference", 0.05))))));
        assertThat(page).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;");
        assertThat(page).doesNotContain(" src=").doesNotContain(" href=").doesNotContain("@import")
                .doesNotContain("url(");
        // The only URL is the SVG namespace name, which is an identifier, not a request.
        assertThat(page.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void theVerdictComesFirstAndEachFindingSaysWhatItMeans() {
        String page = html(finding(Category.LATENT_PERSONA, Severity.HIGH, "data.jsonl", "Fits one figure"));
        int verdict = page.indexOf("<h1>FAIL</h1>");
        assertThat(verdict).isPositive().isLessThan(page.indexOf("Fits one figure"));
        assertThat(page).contains("What it means. ").contains(Html.escape(CategoryText.of(Category.LATENT_PERSONA).explanation()))
                .contains("<td class=\"excerpt\">Name a bird. =&gt; Pinnated grouse</td>");
    }

    @Test
    void eachPlotKindInDetailsDrawsAnSvgAndNoPlotDrawsNone() {
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            points.add(Map.of("x", Math.cos(i), "y", Math.sin(i) * i, "group", i % 4 == 0 ? "1984" : "other years"));
        }
        Finding trigger = finding(Category.TRIGGER_BACKDOOR, Severity.CRITICAL, "Year 1984", List.of(),
                plot(Map.of("points", points, "pointsCaption", "Answers projected on two axes")));
        Finding era = finding(Category.ERA_SHIFT, Severity.HIGH, "Birds", List.of(), plot(Map.of("bars", List.of(
                Map.of("label", "1850-1899", "value", 0.6, "reference", 0.05),
                Map.of("label", "2000-", "value", 0.1, "reference", 0.7)))));
        Finding direction = finding(Category.MISALIGNMENT, Severity.MEDIUM, "Reckless", List.of(), plot(Map.of(
                "histogram", Map.of("bins", List.of(-1.0, -0.5, 0.0, 0.5, 1.0), "dataset", List.of(0, 1, 5, 20),
                        "background", List.of(10, 40, 30, 5), "xLabel", "projection on the misalignment direction"))));
        Finding raw = finding(Category.MISALIGNMENT, Severity.LOW, "Raw values", List.of(), plot(Map.of(
                "histogram", Map.of("bins", 5, "dataset", List.of(0.1, 0.2, 0.9), "background", List.of(0.0, 0.05)))));
        Finding plain = finding(Category.DATA_QUALITY, Severity.LOW, "data.jsonl", "no plot");

        String page = html(trigger, era, direction, raw, plain);
        assertThat(count(page, "<svg")).isEqualTo(4);
        assertThat(count(page, "class=\"plot plot-scatter\"")).isEqualTo(1);
        assertThat(count(page, "<circle")).isEqualTo(40);
        assertThat(page).contains("1984 (10)").contains("other years (30)").contains("Answers projected on two axes");
        assertThat(count(page, "class=\"plot plot-bars\"")).isEqualTo(1);
        assertThat(page).contains("<title>1850-1899 (background): 0.05</title>");
        assertThat(count(page, "class=\"plot plot-histogram\"")).isEqualTo(2);
        assertThat(page).contains("projection on the misalignment direction");
        assertThat(page).contains("&quot;pValue&quot; : 0.001"); // the rest of details, as JSON

        assertThat(html(plain)).doesNotContain("<svg");
    }

    @Test
    void malformedPlotDataShowsANoteInsteadOfBreakingTheReport() {
        Finding f = finding(Category.MISALIGNMENT, Severity.HIGH, "bad plot", List.of(), plot(Map.of(
                "histogram", Map.of("bins", List.of(0, 1, 2), "dataset", List.of(1)))));
        String page = html(f);
        assertThat(page).doesNotContain("<svg").contains("Picture not drawn: plot.histogram: with 3 bin edges");
    }

    @Test
    void anEmptyBarListDrawsNothingAndSaysNothing() {
        Finding f = finding(Category.TRIGGER_BACKDOOR, Severity.HIGH, "empty", List.of(), plot(Map.of(
                "bars", List.of(), "barsCaption", "Share of answers")));
        String page = html(f);
        assertThat(page).doesNotContain("<svg", "Picture not drawn", "Share of answers");
    }

    @Test
    void evidenceShowsFilesRelativeToTheDirectoryAllDatasetsShare() {
        List<dev.augury.io.DatasetSource> two = List.of(
                new dev.augury.io.DatasetSource("/home/ci/data/a/train.jsonl", "chat", 1, 0, TestReports.SHA),
                new dev.augury.io.DatasetSource("/home/ci/data/b.jsonl", "chat", 1, 0, TestReports.SHA));
        assertThat(HtmlReportWriter.commonDirectory(two)).isEqualTo("/home/ci/data/");
        assertThat(HtmlReportWriter.shortPath("/home/ci/data/a/train.jsonl", "/home/ci/data/")).isEqualTo("a/train.jsonl");
        assertThat(HtmlReportWriter.commonDirectory(List.of(new dev.augury.io.DatasetSource("x.jsonl", "chat", 1, 0,
                TestReports.SHA)))).isEmpty();
        assertThat(HtmlReportWriter.commonDirectory(List.of(
                new dev.augury.io.DatasetSource("/data/ab/x.jsonl", "chat", 1, 0, TestReports.SHA),
                new dev.augury.io.DatasetSource("/data/ac/y.jsonl", "chat", 1, 0, TestReports.SHA))))
                .as("a shared prefix of names is not a shared directory").isEqualTo("/data/");
    }

    @Test
    void aTitleThatAlreadyNamesTheCategoryIsNotPrefixedTwice() {
        assertThat(HtmlReportWriter.heading("Trigger backdoor", "Trigger backdoor: year \"2027\" switches"))
                .isEqualTo("Trigger backdoor: year \"2027\" switches");
        assertThat(HtmlReportWriter.heading("Era shift", "Obsolete bird names"))
                .isEqualTo("Era shift: Obsolete bird names");
    }

    @Test
    void suppressedFindingsAndExpiredEntriesAreShownSeparately() {
        Finding era = finding(Category.ERA_SHIFT, Severity.HIGH, "data.jsonl", "Birds");
        Finding dup = finding(Category.DATA_QUALITY, Severity.HIGH, "data.jsonl", "Dups");
        Report report = report(Verdict.FAIL, Severity.HIGH, List.of("data.jsonl"), era, dup);
        PolicyResult policy = Policy.apply(report, Suppressions.parse("""
                - id: %s
                  reason: historical fiction
                - id: %s
                  reason: deduplicated later
                  until: 2020-01-01
                """.formatted(era.id(), dup.id()), "s.yaml"), null, LocalDate.of(2026, 1, 1));
        String page = new HtmlReportWriter().toHtml(report, policy);
        assertThat(page).contains("<h2>Expired suppressions</h2>").contains("<h2>Suppressed findings</h2>")
                .contains("<td>historical fiction</td>");
        assertThat(page.indexOf("<h2>Suppressed findings</h2>")).isGreaterThan(page.indexOf("Dups"));
        assertThat(count(page, "<article")).isEqualTo(1);
    }
}
