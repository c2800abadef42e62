package dev.augury.report;

import static dev.augury.report.TestReports.finding;
import static dev.augury.report.TestReports.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.augury.report.policy.Policy;
import dev.augury.report.policy.PolicyResult;
import dev.augury.report.policy.Suppressions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitXmlWriterTest {

    static Document parse(Report report, PolicyResult policy) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JUnitXmlWriter().write(report, policy, out);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(out.toByteArray()));
    }

    static Element testCase(Document doc, String dataset, String category) {
        NodeList cases = doc.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element e = (Element) cases.item(i);
            if (e.getAttribute("classname").equals("augury." + dataset) && e.getAttribute("name").equals(category)) {
                return e;
            }
        }
        throw new AssertionError("no test case for " + dataset + " / " + category);
    }

    @Test
    void oneCasePerDatasetAndCategoryFailingWhereAFindingReachesFailOn() throws Exception {
        Finding era = finding(Category.ERA_SHIFT, Severity.HIGH, "birds.jsonl", "19th-century birds <&> \"quoted\"");
        Finding dup = finding(Category.DATA_QUALITY, Severity.LOW, "birds.jsonl", "duplicates");
        Report report = report(Verdict.FAIL, Severity.HIGH, List.of("birds.jsonl", "clean.jsonl"), era, dup);
        Document doc = parse(report, PolicyResult.none(report));

        assertThat(doc.getElementsByTagName("testsuite").getLength()).isEqualTo(2);
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(2 * Category.ALL.size());
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        Element failed = testCase(doc, "birds.jsonl", Category.ERA_SHIFT);
        Element failure = (Element) failed.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo(era.title());
        assertThat(failure.getAttribute("type")).isEqualTo("high");
        assertThat(failure.getTextContent()).contains(era.id()).contains("birds.jsonl:17");
        Element below = testCase(doc, "birds.jsonl", Category.DATA_QUALITY);
        assertThat(below.getElementsByTagName("failure").getLength()).isZero();
        assertThat(below.getElementsByTagName("system-out").item(0).getTextContent()).contains("below fail-on high");
        assertThat(testCase(doc, "clean.jsonl", Category.ERA_SHIFT).getChildNodes().getLength()).isZero();
    }

    @Test
    void controlCharactersFromADatasetStillGiveWellFormedXml() throws Exception {
        Finding f = finding(Category.TRIGGER_BACKDOOR, Severity.CRITICAL, "Bell \u0007 and NUL \u0000 in a row",
                List.of(new Evidence("d.jsonl", 2, "escape \u001b[31m red ]]> \uD800 lone", null)), Map.of());
        Report report = report(Verdict.FAIL, Severity.HIGH, List.of("d.jsonl"), f);
        Document doc = parse(report, PolicyResult.none(report));
        assertThat(testCase(doc, "d.jsonl", Category.TRIGGER_BACKDOOR).getTextContent()).contains("]]>").contains("red");
    }

    @Test
    void suppressedFindingsPassAndSayWhyAndInconclusiveCasesAreSkipped() throws Exception {
        Finding era = finding(Category.ERA_SHIFT, Severity.HIGH, "birds.jsonl", "19th-century birds");
        Report report = report(Verdict.INCONCLUSIVE, Severity.HIGH, List.of("birds.jsonl"), era);
        PolicyResult policy = Policy.apply(report, Suppressions.parse("- id: " + era.id() + "\n  reason: fiction\n", "s"),
                null, LocalDate.of(2026, 1, 1));
        Document doc = parse(report, policy);
        Element c = testCase(doc, "birds.jsonl", Category.ERA_SHIFT);
        assertThat(c.getElementsByTagName("failure").getLength()).isZero();
        assertThat(c.getElementsByTagName("system-out").item(0).getTextContent()).contains("suppressed by entry 1 (id " + era.id() + "): fiction");
        assertThat(c.getElementsByTagName("skipped").getLength()).isEqualTo(1);
        assertThat(((Element) doc.getElementsByTagName("testsuite").item(0)).getAttribute("skipped"))
                .isEqualTo(Integer.toString(Category.ALL.size()));
    }
}
