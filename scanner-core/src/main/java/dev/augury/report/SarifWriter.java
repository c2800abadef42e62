package dev.augury.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.augury.report.policy.PolicyResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SARIF 2.1.0 for code-scanning pages: one rule per (category, detector), one result per remaining finding
 * (and per suppressed finding, marked with a SARIF {@code suppressions} entry carrying the reason), located at
 * the strongest evidence row; the other rows are related locations. Built as a Jackson tree.
 */
public final class SarifWriter {
    public static final String SARIF_VERSION = "2.1.0";
    public static final String SARIF_SCHEMA =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    public static final String INFORMATION_URI = "https://augury.dev";
    /** The base id relative dataset URIs are resolved against (the project or working directory). */
    public static final String SOURCE_ROOT = "%SRCROOT%";
    /** Code-scanning pages show a handful of related locations; the JSON report keeps every evidence row. */
    static final int MAX_RELATED_LOCATIONS = 100;
    /** The fingerprint key; bump its version if finding ids ever change meaning. */
    static final String FINGERPRINT_KEY = "auguryFindingId/v1";

    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Path sourceRoot;

    /**
     * @param sourceRoot absolute dataset paths under this directory are written relative to it (with base id
     *                   {@value #SOURCE_ROOT}); null writes absolute paths as file URIs
     */
    public SarifWriter(Path sourceRoot) {
        this.sourceRoot = sourceRoot == null ? null : sourceRoot.toAbsolutePath().normalize();
    }

    public void write(Report report, PolicyResult policy, OutputStream out) throws IOException {
        MAPPER.writeValue(out, toSarif(report, policy));
    }

    /** The SARIF log of a report as the policy left it. */
    public ObjectNode toSarif(Report report, PolicyResult policy) {
        Report shown = policy.applyTo(report);
        List<Finding> all = new ArrayList<>(policy.remaining());
        policy.suppressed().forEach(s -> all.add(s.finding()));

        Map<String, Integer> ruleIndex = new TreeMap<>();
        Map<String, Finding> ruleExample = new TreeMap<>();
        for (Finding f : all) {
            ruleExample.putIfAbsent(ruleId(f), f);
        }
        ArrayNode rules = NODES.arrayNode();
        for (Map.Entry<String, Finding> e : ruleExample.entrySet()) {
            ruleIndex.put(e.getKey(), rules.size());
            rules.add(rule(e.getKey(), e.getValue()));
        }

        ObjectNode log = NODES.objectNode();
        log.put("$schema", SARIF_SCHEMA);
        log.put("version", SARIF_VERSION);
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", report.tool().name());
        driver.put("version", report.tool().version());
        driver.put("informationUri", INFORMATION_URI);
        driver.set("rules", rules);

        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", true);
        ArrayNode notifications = NODES.arrayNode();
        for (String warning : shown.warnings()) {
            ObjectNode n = notifications.addObject();
            n.putObject("message").put("text", warning);
            n.put("level", "warning");
        }
        if (!notifications.isEmpty()) {
            invocation.set("toolExecutionNotifications", notifications);
        }
        if (sourceRoot != null) {
            run.putObject("originalUriBaseIds").putObject(SOURCE_ROOT).put("uri", directoryUri(sourceRoot));
        }

        ArrayNode results = run.putArray("results");
        for (Finding f : policy.remaining()) {
            results.add(result(f, ruleIndex.get(ruleId(f)), shown, policy.baselineUsed()));
        }
        for (PolicyResult.Suppressed s : policy.suppressed()) {
            ObjectNode r = result(s.finding(), ruleIndex.get(ruleId(s.finding())), shown, false);
            results.add(r);
            ObjectNode suppression = r.putArray("suppressions").addObject();
            suppression.put("kind", "external");
            suppression.put("status", "accepted");
            suppression.put("justification", s.entry().reason());
            ObjectNode props = suppression.putObject("properties");
            props.put("entry", s.entry().number());
            if (s.entry().until() != null) {
                props.put("until", s.entry().until().toString());
            }
        }
        ObjectNode runProps = run.putObject("properties");
        runProps.put("verdict", shown.verdict().id());
        runProps.put("failOn", shown.failOn().id());
        return log;
    }

    /** "trigger-backdoor/trigger": one rule per category and detector. */
    static String ruleId(Finding f) {
        return f.category() + "/" + (f.detector() == null || f.detector().isBlank() ? "unknown" : f.detector());
    }

    /** critical/high -> error, medium -> warning, low/info -> note. */
    static String level(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "note";
        };
    }

    private static ObjectNode rule(String id, Finding example) {
        CategoryText text = CategoryText.of(example.category());
        String detector = id.substring(id.lastIndexOf('/') + 1);
        ObjectNode rule = NODES.objectNode();
        rule.put("id", id);
        rule.put("name", CategoryText.pascalCase(example.category()) + "/" + CategoryText.pascalCase(detector));
        rule.putObject("shortDescription").put("text", text.name() + " (detector " + detector + ")");
        rule.putObject("fullDescription").put("text", text.explanation());
        ObjectNode help = rule.putObject("help");
        help.put("text", text.name() + ": " + text.explanation()
                + " Read the finding's message and evidence rows; the HTML report shows its plots.");
        help.put("markdown", "**" + text.name() + "**: " + text.explanation()
                + "\n\nRead the finding's message and evidence rows; the HTML report shows its plots.");
        ArrayNode tags = rule.putObject("properties").putArray("tags");
        tags.add("security");
        tags.add("data-poisoning");
        tags.add(example.category());
        return rule;
    }

    private ObjectNode result(Finding f, int ruleIndex, Report report, boolean markNew) {
        ObjectNode r = NODES.objectNode();
        r.put("ruleId", ruleId(f));
        r.put("ruleIndex", ruleIndex);
        r.put("level", level(f.severity()));
        String summary = f.summary() == null || f.summary().isBlank() ? "" : "\n\n" + f.summary();
        r.putObject("message").put("text", f.title() + summary);
        List<Evidence> evidence = f.evidence();
        ArrayNode locations = r.putArray("locations");
        if (!evidence.isEmpty()) {
            locations.add(location(evidence.get(0), -1));
            if (evidence.size() > 1) {
                ArrayNode related = r.putArray("relatedLocations");
                int last = Math.min(evidence.size(), MAX_RELATED_LOCATIONS + 1);
                for (int i = 1; i < last; i++) {
                    related.add(location(evidence.get(i), i));
                }
            }
        } else {
            for (String dataset : FindingDatasets.of(f, report.datasets())) {
                ObjectNode loc = locations.addObject();
                loc.putObject("physicalLocation").set("artifactLocation", artifactLocation(dataset));
            }
        }
        r.putObject("partialFingerprints").put(FINGERPRINT_KEY, f.id());
        if (markNew) {
            r.put("baselineState", "new");
        }
        ObjectNode props = r.putObject("properties");
        props.put("findingId", f.id());
        props.put("category", f.category());
        props.put("severity", f.severity().id());
        props.put("confidence", f.confidence());
        return r;
    }

    private ObjectNode location(Evidence e, int id) {
        ObjectNode loc = NODES.objectNode();
        if (id >= 0) {
            loc.put("id", id);
        }
        ObjectNode physical = loc.putObject("physicalLocation");
        physical.set("artifactLocation", artifactLocation(e.path()));
        if (e.line() >= 1) {
            physical.putObject("region").put("startLine", e.line());
        }
        String note = e.note() != null && !e.note().isBlank() ? e.note() : e.excerpt();
        if (note != null && !note.isBlank()) {
            loc.putObject("message").put("text", note);
        }
        return loc;
    }

    /** A relative URI reference with the source-root base id where sensible, else an absolute file URI. */
    ObjectNode artifactLocation(String datasetPath) {
        ObjectNode loc = NODES.objectNode();
        String path = datasetPath == null ? "" : datasetPath.replace('\\', '/');
        Path p = Path.of(path);
        if (!p.isAbsolute()) {
            loc.put("uri", relativeUri(path));
            loc.put("uriBaseId", SOURCE_ROOT);
        } else if (sourceRoot != null && p.normalize().startsWith(sourceRoot)) {
            loc.put("uri", relativeUri(sourceRoot.relativize(p.normalize()).toString().replace('\\', '/')));
            loc.put("uriBaseId", SOURCE_ROOT);
        } else {
            loc.put("uri", p.toUri().toString());
        }
        return loc;
    }

    private static String relativeUri(String path) {
        String clean = path.startsWith("./") ? path.substring(2) : path;
        int slash = clean.indexOf('/');
        if (clean.substring(0, slash < 0 ? clean.length() : slash).contains(":")) {
            clean = "./" + clean; // "a:b.jsonl" would otherwise read as a URI with scheme "a"
        }
        try {
            // The multi-argument constructor percent-encodes what a URI cannot hold (spaces, non-ASCII stay legal).
            return new URI(null, null, clean, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("dataset path cannot be written as a URI: " + path, e);
        }
    }

    private static String directoryUri(Path dir) {
        String uri = dir.toUri().toString();
        return uri.endsWith("/") ? uri : uri + "/";
    }
}
