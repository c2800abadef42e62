package dev.augury.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.augury.AuguryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The rule packs of a scan: the defaults shipped in the {@code rules} module (listed in
 * {@code augury/rules/index.yaml} on the classpath) followed by every {@code *.yaml}/{@code *.yml} file under
 * the directories given with {@code --rules}. A broken pack stops the scan with a message naming the file.
 */
public final class RulePacks {
    /** The classpath folder of the default packs. */
    public static final String DEFAULT_ROOT = "augury/rules/";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final List<RulePack> packs;

    private RulePacks(List<RulePack> packs) {
        this.packs = List.copyOf(packs);
    }

    /** Only the given packs; for tests and for callers that build packs in code. */
    public static RulePacks of(List<RulePack> packs) {
        return new RulePacks(packs);
    }

    /** The default packs plus those under {@code extraDirs}, in a stable order. */
    public static RulePacks load(List<Path> extraDirs) {
        List<RulePack> packs = new ArrayList<>(loadDefaults());
        for (Path dir : extraDirs) {
            packs.addAll(loadDirectory(dir));
        }
        return new RulePacks(packs);
    }

    /**
     * The packs bundled on the classpath, parsed once per JVM: they cannot change while it runs, and a process that
     * scans more than once (the Maven plugin in a multi-module build, the benchmark's rescan) would otherwise parse
     * the same YAML again each time. The packs' trees are read, never written, by every consumer.
     */
    public static List<RulePack> loadDefaults() {
        List<RulePack> packs = defaults;
        if (packs == null) {
            synchronized (RulePacks.class) {
                packs = defaults;
                if (packs == null) {
                    packs = List.copyOf(parseDefaults()); // a failure is thrown as it is, and retried next time
                    defaults = packs;
                }
            }
        }
        return packs;
    }

    private static volatile List<RulePack> defaults;

    private static List<RulePack> parseDefaults() {
        ClassLoader cl = RulePacks.class.getClassLoader();
        JsonNode index = readResource(cl, DEFAULT_ROOT + "index.yaml");
        List<RulePack> packs = new ArrayList<>();
        for (JsonNode name : index.path("packs")) {
            String resource = DEFAULT_ROOT + name.asText();
            packs.add(toPack(readResource(cl, resource), "classpath:" + resource));
        }
        return packs;
    }

    public static List<RulePack> loadDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new AuguryException("--rules " + dir + ": not a directory. Give a directory of rule-pack YAML files.");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return n.endsWith(".yaml") || n.endsWith(".yml");
                    })
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new AuguryException("--rules " + dir + ": cannot list the directory (" + e.getMessage() + ").", e);
        }
        List<RulePack> packs = new ArrayList<>();
        for (Path f : files) {
            JsonNode root;
            try (InputStream in = Files.newInputStream(f)) {
                root = YAML.readTree(in);
            } catch (IOException e) {
                throw new AuguryException("rule pack " + f + " is not valid YAML: " + e.getMessage()
                        + ". Fix the file or remove it from the rules directory.", e);
            }
            packs.add(toPack(root, f.toString()));
        }
        return packs;
    }

    public List<RulePack> all() {
        return packs;
    }

    /** The packs of one kind, in load order (defaults first). */
    public List<RulePack> ofKind(String kind) {
        return packs.stream().filter(p -> p.kind().equals(kind)).toList();
    }

    /** Every entry of every pack of one kind, bound to {@code type}. */
    public <T> List<T> entries(String kind, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (RulePack p : ofKind(kind)) {
            out.addAll(p.entries(type));
        }
        return out;
    }

    private static JsonNode readResource(ClassLoader cl, String resource) {
        try (InputStream in = cl.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AuguryException("default rule pack " + resource + " is missing from the classpath; "
                        + "the augury-rules jar is incomplete. Rebuild with ./mvnw -B package.");
            }
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new AuguryException("default rule pack " + resource + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    static RulePack toPack(JsonNode root, String source) {
        if (root == null || !root.isObject()) {
            throw new AuguryException("rule pack " + source + ": expected a YAML mapping with kind, name and entries.");
        }
        String kind = root.path("kind").asText("");
        String name = root.path("name").asText("");
        if (kind.isBlank() || name.isBlank()) {
            throw new AuguryException("rule pack " + source + ": 'kind' and 'name' are required at the top level.");
        }
        if (!root.path("entries").isArray()) {
            throw new AuguryException("rule pack " + source + ": 'entries' must be a list.");
        }
        return new RulePack(kind, name, root.path("description").asText(""), root.path("provenance").asText(""),
                root.path("license").asText(""), source, root);
    }
}
