package dev.augury.io;

import dev.augury.AuguryException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** Expands the inputs of a scan into the files to read: files as given, directories searched recursively. */
final class InputFiles {
    /** What a directory contributes: the dataset extensions, each optionally gzipped. */
    static final List<String> DATASET_EXTENSIONS = List.of(".jsonl", ".json", ".ndjson", ".csv", ".tsv");
    private static final String GZIP_EXTENSION = ".gz";

    private InputFiles() {
    }

    /**
     * The files to read, sorted by path so that a scan's record order does not depend on the order of the
     * arguments or of the file system; a file reached twice is read once.
     */
    static List<Path> expand(List<Path> inputs) {
        if (inputs == null || inputs.isEmpty()) {
            throw new AuguryException("no input given: name one or more dataset files or directories");
        }
        Map<Path, Path> files = new LinkedHashMap<>();
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                throw new AuguryException(input + ": no such file or directory; check the path");
            }
            if (!Files.isReadable(input)) {
                throw new AuguryException(input + ": cannot be read (permission denied); check its permissions");
            }
            if (Files.isDirectory(input)) {
                List<Path> found = datasetFilesUnder(input);
                if (found.isEmpty()) {
                    throw new AuguryException(input + ": a directory with no dataset files under it (looked for "
                            + String.join(", ", DATASET_EXTENSIONS) + ", each optionally " + GZIP_EXTENSION
                            + "); name the files directly or check the path");
                }
                found.forEach(f -> files.putIfAbsent(f.toAbsolutePath().normalize(), f));
            } else {
                files.putIfAbsent(input.toAbsolutePath().normalize(), input);
            }
        }
        List<Path> sorted = new ArrayList<>(files.values());
        sorted.sort(Comparator.comparing(Path::toString));
        return sorted;
    }

    /** The dataset file name without ".gz", lower case: what decides the separator of a delimited file. */
    static String baseName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(GZIP_EXTENSION) ? name.substring(0, name.length() - GZIP_EXTENSION.length()) : name;
    }

    private static List<Path> datasetFilesUnder(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !p.equals(dir) && !isHidden(dir.relativize(p)))
                    .filter(Files::isRegularFile)
                    .filter(InputFiles::isDatasetFile)
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new AuguryException(dir + ": cannot list the directory (" + e.getMessage() + "); check its permissions", e);
        }
    }

    /** Hidden files and folders (.git, .cache) hold tooling state, not datasets. */
    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDatasetFile(Path file) {
        String name = baseName(file);
        return DATASET_EXTENSIONS.stream().anyMatch(name::endsWith);
    }
}
