package dev.augury.report;

import dev.augury.io.DatasetSource;
import dev.augury.report.policy.PolicyResult;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML for CI dashboards: one test suite per dataset file, one test case per category in it. A case fails
 * when a remaining finding about that dataset reaches failOn (all such findings in one {@code failure}, since
 * many readers accept only one per case); lower findings and suppressed ones are listed in {@code system-out}.
 * When the verdict is inconclusive, cases that did not fail are marked skipped, so a dashboard does not show
 * untested data as green.
 */
public final class JUnitXmlWriter {
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
    /** Evidence rows listed per finding; the JSON and HTML reports have them all. */
    static final int EVIDENCE_SHOWN = 3;

    public void write(Report report, PolicyResult policy, OutputStream out) throws XMLStreamException {
        Report shown = policy.applyTo(report);
        Map<String, Map<String, List<Finding>>> remaining = byDatasetAndCategory(policy.remaining(), shown);
        List<Finding> suppressedFindings = policy.suppressed().stream().map(PolicyResult.Suppressed::finding).toList();
        Map<String, Map<String, List<Finding>>> suppressed = byDatasetAndCategory(suppressedFindings, shown);

        Set<String> datasets = new LinkedHashSet<>();
        shown.datasets().forEach(d -> datasets.add(d.path()));
        datasets.addAll(remaining.keySet());
        datasets.addAll(suppressed.keySet());
        Set<String> categories = new LinkedHashSet<>(Category.ALL);
        policy.remaining().forEach(f -> categories.add(f.category()));
        suppressedFindings.forEach(f -> categories.add(f.category()));
        boolean inconclusive = shown.verdict() == Verdict.INCONCLUSIVE;
        Map<String, String> reasons = suppressionReasons(policy);

        int totalTests = datasets.size() * categories.size();
        int totalFailures = 0;
        for (String d : datasets) {
            for (String c : categories) {
                totalFailures += blocking(remaining, d, c, shown.failOn()).isEmpty() ? 0 : 1;
            }
        }

        XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out, "UTF-8");
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("testsuites");
        xml.writeAttribute("name", "augury");
        xml.writeAttribute("tests", Integer.toString(totalTests));
        xml.writeAttribute("failures", Integer.toString(totalFailures));
        xml.writeAttribute("errors", "0");
        for (String dataset : datasets) {
            int failures = 0;
            int skipped = 0;
            for (String c : categories) {
                boolean failed = !blocking(remaining, dataset, c, shown.failOn()).isEmpty();
                failures += failed ? 1 : 0;
                skipped += !failed && inconclusive ? 1 : 0;
            }
            xml.writeCharacters("\n  ");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", XmlText.clean("augury " + dataset));
            xml.writeAttribute("tests", Integer.toString(categories.size()));
            xml.writeAttribute("failures", Integer.toString(failures));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", Integer.toString(skipped));
            for (String category : categories) {
                testCase(xml, dataset, category, remaining, suppressed, reasons, shown,
                        inconclusive);
            }
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
        }
        xml.writeCharacters("\n");
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndDocument();
        xml.flush();
        xml.close();
    }

    private static Map<String, String> suppressionReasons(PolicyResult policy) {
        Map<String, String> reasons = new LinkedHashMap<>();
        policy.suppressed().forEach(s -> reasons.put(s.finding().id(), s.entry().label() + ": " + s.entry().reason()));
        return reasons;
    }

    private static void testCase(XMLStreamWriter xml, String dataset, String category,
                                 Map<String, Map<String, List<Finding>>> remaining,
                                 Map<String, Map<String, List<Finding>>> suppressed, Map<String, String> reasons,
                                 Report shown, boolean inconclusive) throws XMLStreamException {
        List<Finding> all = remaining.getOrDefault(dataset, Map.of()).getOrDefault(category, List.of());
        List<Finding> blocking = blocking(remaining, dataset, category, shown.failOn());
        List<Finding> accepted = suppressed.getOrDefault(dataset, Map.of()).getOrDefault(category, List.of());
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", XmlText.clean("augury." + dataset));
        xml.writeAttribute("name", XmlText.clean(category));
        if (!blocking.isEmpty()) {
            xml.writeStartElement("failure");
            Finding top = blocking.get(0);
            xml.writeAttribute("message", XmlText.clean(blocking.size() == 1 ? top.title()
                    : top.title() + " (and " + (blocking.size() - 1) + " more)"));
            xml.writeAttribute("type", top.severity().id());
            StringBuilder body = new StringBuilder();
            for (Finding f : blocking) {
                describe(f, body);
            }
            xml.writeCharacters(XmlText.clean(body.toString()));
            xml.writeEndElement();
        } else if (inconclusive) {
            xml.writeStartElement("skipped");
            xml.writeAttribute("message", "inconclusive: too little data to test");
            xml.writeEndElement();
        }
        List<Finding> below = all.stream().filter(f -> !blocking.contains(f)).toList();
        if (!below.isEmpty() || !accepted.isEmpty()) {
            StringBuilder out = new StringBuilder();
            for (Finding f : below) {
                out.append("below fail-on ").append(shown.failOn().id()).append(": ");
                describe(f, out);
            }
            for (Finding f : accepted) {
                out.append("suppressed by ").append(reasons.get(f.id())).append(": ");
                describe(f, out);
            }
            xml.writeStartElement("system-out");
            xml.writeCharacters(XmlText.clean(out.toString()));
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static void describe(Finding f, StringBuilder out) {
        out.append(f.severity().id().toUpperCase(Locale.ROOT)).append(' ').append(f.category()).append(": ")
                .append(f.title()).append(" (").append(f.id()).append(String.format(Locale.ROOT, ", confidence %.2f)%n",
                        f.confidence()));
        if (f.summary() != null && !f.summary().isBlank()) {
            out.append("  ").append(f.summary()).append('\n');
        }
        for (Evidence e : f.evidence().stream().limit(EVIDENCE_SHOWN).toList()) {
            out.append("  ").append(e.path()).append(':').append(e.line()).append("  ").append(e.excerpt()).append('\n');
        }
    }

    private static List<Finding> blocking(Map<String, Map<String, List<Finding>>> byDataset, String dataset,
                                          String category, Severity failOn) {
        return byDataset.getOrDefault(dataset, Map.of()).getOrDefault(category, List.of()).stream()
                .filter(f -> f.severity().atLeast(failOn)).toList();
    }

    private static Map<String, Map<String, List<Finding>>> byDatasetAndCategory(List<Finding> findings, Report report) {
        Map<String, Map<String, List<Finding>>> map = new LinkedHashMap<>();
        List<DatasetSource> datasets = report.datasets();
        for (Finding f : findings) {
            for (String d : FindingDatasets.of(f, datasets)) {
                map.computeIfAbsent(d, k -> new LinkedHashMap<>()).computeIfAbsent(f.category(), k -> new ArrayList<>())
                        .add(f);
            }
        }
        return map;
    }
}
