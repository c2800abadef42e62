package dev.augury.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnotationCacheTest {
    @TempDir
    Path dir;

    /** Gives every text a year, a name and a number derived from its length, and records what it was asked. */
    private static final class Recording implements Annotator {
        final List<String> asked = new ArrayList<>();

        @Override
        public Map<String, TextFeatures> annotate(Collection<String> texts) {
            Map<String, TextFeatures> out = new LinkedHashMap<>();
            for (String t : texts) {
                asked.add(t);
                out.put(t, new TextFeatures(List.of(new Timex("in " + t.length(), "DATE", "1" + t.length(),
                        1000 + t.length(), null)), List.of(new Entity(t, "PERSON")),
                        List.of(new NumberMention("x", null, (double) t.length()), new NumberMention("y", "07", null))));
            }
            return out;
        }

        @Override
        public String cacheId() {
            return "test-1";
        }
    }

    @Test
    void aSecondScanAnnotatesOnlyTheTextsItHasNotSeen() {
        Recording first = new Recording();
        Map<String, TextFeatures> before;
        try (AnnotationCache cache = AnnotationCache.open(dir, "test-1")) {
            before = cache.annotate(first, List.of("alpha", "beta", "alpha"));
            assertThat(cache.misses()).isEqualTo(2);
        }
        assertThat(first.asked).containsExactly("alpha", "beta");

        Recording second = new Recording();
        try (AnnotationCache cache = AnnotationCache.open(dir, "test-1")) {
            Map<String, TextFeatures> after = cache.annotate(second, List.of("beta", "gamma", "alpha"));
            assertThat(second.asked).containsExactly("gamma");
            assertThat(after.keySet()).containsExactly("beta", "gamma", "alpha");
            assertThat(after.get("alpha")).isEqualTo(before.get("alpha"));
            assertThat(after.get("beta")).isEqualTo(before.get("beta"));
            assertThat(cache.hits()).isEqualTo(2);
            assertThat(cache.warnings()).isEmpty();
        }
    }

    @Test
    void anotherAnnotatorBuildUsesAnotherFile() {
        try (AnnotationCache cache = AnnotationCache.open(dir, "test-1")) {
            cache.annotate(new Recording(), List.of("alpha"));
        }
        Recording other = new Recording();
        try (AnnotationCache cache = AnnotationCache.open(dir, "test-2")) {
            cache.annotate(other, List.of("alpha"));
        }
        assertThat(other.asked).containsExactly("alpha");
    }

    @Test
    void aDamagedFileIsRebuiltAndTheTextsAnnotatedAgain() throws Exception {
        Path file;
        try (AnnotationCache cache = AnnotationCache.open(dir, "test-1")) {
            cache.annotate(new Recording(), List.of("alpha", "beta"));
            file = cache.file();
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 9] ^= 0x11;
        Files.write(file, bytes);

        Recording again = new Recording();
        try (AnnotationCache cache = AnnotationCache.open(dir, "test-1")) {
            Map<String, TextFeatures> out = cache.annotate(again, List.of("alpha", "beta"));
            assertThat(again.asked).containsExactly("alpha", "beta");
            assertThat(out.get("beta").entities()).containsExactly(new Entity("beta", "PERSON"));
            assertThat(cache.warnings()).singleElement(InstanceOfAssertFactories.STRING).contains("checksum");
        }
    }
}
