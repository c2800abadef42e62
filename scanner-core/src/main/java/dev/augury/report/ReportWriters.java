package dev.augury.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.augury.AuguryException;
import dev.augury.report.policy.PolicyResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.stream.XMLStreamException;

/**
 * Writes a report, as the policy left it, in the requested formats: the one entry point the CLI and the Maven
 * plugin share. Files are named {@code augury-report.<ext>} in the output directory.
 */
public final class ReportWriters {
    /** Format name to file name, in the order files are written. */
    public static final Map<String, String> FILE_NAMES;

    static {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("json", "augury-report.json");
        names.put("sarif", "augury-report.sarif");
        names.put("junit", "augury-report.junit.xml");
        names.put("markdown", "augury-report.md");
        names.put("html", "augury-report.html");
        FILE_NAMES = java.util.Collections.unmodifiableMap(names);
    }

    /** Accepted spellings besides the names above. */
    private static final Map<String, String> ALIASES = Map.of("md", "markdown", "xml", "junit", "all", "all");

    private ReportWriters() {
    }

    /** Writes with dataset paths in SARIF made relative to the working directory where they lie under it. */
    public static List<Path> write(Report report, PolicyResult policy, Set<String> formats, Path dir) {
        return write(report, policy, formats, dir, Path.of("").toAbsolutePath());
    }

    /**
     * @param formats    json, sarif, junit (or xml), markdown (or md), html, or all; case-insensitive
     * @param dir        created if missing
     * @param sourceRoot SARIF locations are relative to this directory (the project's base directory)
     * @return the files written, in the order of {@link #FILE_NAMES}
     */
    public static List<Path> write(Report report, PolicyResult policy, Set<String> formats, Path dir, Path sourceRoot) {
        Set<String> wanted = normalize(formats);
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> e : FILE_NAMES.entrySet()) {
                if (!wanted.contains(e.getKey())) {
                    continue;
                }
                Path file = dir.resolve(e.getValue());
                Files.write(file, render(report, policy, e.getKey(), sourceRoot));
                written.add(file);
            }
        } catch (IOException e) {
            throw new AuguryException("cannot write the reports to " + dir + ": " + e.getMessage(), e);
        }
        return written;
    }

    /**
     * One report in one format, as bytes (for standard output or a file name the user chose).
     *
     * @param format json, sarif, junit, markdown or html, or an alias (see {@link #canonical})
     */
    public static byte[] render(Report report, PolicyResult policy, String format, Path sourceRoot) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            switch (canonical(format)) {
                case "json" -> {
                    ReportJson.mapper().writeValue(out, json(report, policy));
                    out.write('\n');
                }
                case "sarif" -> new SarifWriter(sourceRoot).write(report, policy, out);
                case "junit" -> new JUnitXmlWriter().write(report, policy, out);
                case "markdown" -> out.write(new MarkdownWriter().toMarkdown(report, policy)
                        .getBytes(StandardCharsets.UTF_8));
                default -> out.write(new HtmlReportWriter().toHtml(report, policy).getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException | XMLStreamException e) {
            throw new IllegalStateException("rendering to memory failed", e);
        }
        return out.toByteArray();
    }

    /** The format name for a spelling the user typed (md, xml; any case), or an {@link AuguryException}. */
    public static String canonical(String format) {
        Set<String> one = normalize(Set.of(format));
        if (one.size() != 1) {
            throw new AuguryException("'" + format + "' names several formats; give one");
        }
        return one.iterator().next();
    }

    /**
     * The JSON report as the policy left it (remaining findings, the policy's verdict and warnings), plus a
     * {@code policy} section (suppressed findings with their entries, expired and unused entries, baselined
     * ids) when a suppression file or a baseline was used; without one it is exactly {@link ReportJson}'s.
     */
    public static ObjectNode json(Report report, PolicyResult policy) {
        ObjectNode node = ReportJson.mapper().valueToTree(policy.applyTo(report));
        if (!policy.isEmpty()) {
            node.set("policy", ReportJson.mapper().valueToTree(policy));
        }
        return node;
    }

    private static Set<String> normalize(Set<String> formats) {
        Set<String> out = new TreeSet<>();
        for (String raw : formats) {
            String f = raw.trim().toLowerCase(Locale.ROOT);
            f = ALIASES.getOrDefault(f, f);
            if (f.equals("all")) {
                out.addAll(FILE_NAMES.keySet());
            } else if (FILE_NAMES.containsKey(f)) {
                out.add(f);
            } else {
                throw new AuguryException("unknown report format '" + raw + "' (expected json, sarif, junit, markdown, "
                        + "html or all)");
            }
        }
        return out;
    }
}
