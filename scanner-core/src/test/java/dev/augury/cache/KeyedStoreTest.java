package dev.augury.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The variable-length side of the store; the embedding cache's tests cover damage, locking and identity. */
class KeyedStoreTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void payloadsOfAnyLengthSurviveCloseAndOpen() {
        Path file = dir.resolve("s.bin");
        try (KeyedStore store = KeyedStore.open(file, "test store", "id 1")) {
            store.put(KeyedStore.Key.of("empty"), new byte[0]);
            store.put(KeyedStore.Key.of("short"), bytes("x"));
            store.put(KeyedStore.Key.of("long"), bytes("y".repeat(100_000)));
            store.put(KeyedStore.Key.of("short"), bytes("not stored: the key is already there"));
        }
        try (KeyedStore store = KeyedStore.open(file, "test store", "id 1")) {
            assertThat(store.size()).isEqualTo(3);
            assertThat(store.get(KeyedStore.Key.of("empty"))).isEmpty();
            assertThat(store.get(KeyedStore.Key.of("short"))).isEqualTo(bytes("x"));
            assertThat(store.get(KeyedStore.Key.of("long"))).hasSize(100_000);
            assertThat(store.warnings()).isEmpty();
        }
    }

    @Test
    void aReadOnlyStoreFromBytesServesThemAndNeverWrites() throws Exception {
        Path file = dir.resolve("s.bin");
        try (KeyedStore store = KeyedStore.open(file, "test store", "id 1")) {
            store.put(KeyedStore.Key.of("a"), bytes("first"));
        }
        byte[] content = Files.readAllBytes(file);
        KeyedStore shipped = KeyedStore.readOnly(content, "resource s.bin", "test store", "id 1");
        assertThat(shipped.get(KeyedStore.Key.of("a"))).isEqualTo(bytes("first"));
        assertThat(shipped.writable()).isFalse();
        shipped.put(KeyedStore.Key.of("b"), bytes("kept in memory only"));
        shipped.close();
        assertThat(Files.readAllBytes(file)).isEqualTo(content);

        KeyedStore other = KeyedStore.readOnly(content, "resource s.bin", "test store", "id 2");
        assertThat(other.size()).isZero();
        assertThat(other.warnings()).singleElement().asString().contains("resource s.bin", "not id 2");
        assertThat(KeyedStore.readOnly(bytes("garbage"), "resource g.bin", "test store", "id 1").size()).isZero();
    }

    @Test
    void aCutInTheMiddleOfALongPayloadKeepsTheEntriesBeforeIt() throws Exception {
        Path file = dir.resolve("s.bin");
        try (KeyedStore store = KeyedStore.open(file, "test store", "id 1")) {
            store.put(KeyedStore.Key.of("a"), bytes("first"));
            store.flush();
            store.put(KeyedStore.Key.of("b"), bytes("z".repeat(5000)));
        }
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length - 2500));
        try (KeyedStore store = KeyedStore.open(file, "test store", "id 1")) {
            assertThat(store.size()).isEqualTo(1);
            assertThat(store.get(KeyedStore.Key.of("a"))).isEqualTo(bytes("first"));
            assertThat(store.warnings()).singleElement(InstanceOfAssertFactories.STRING).contains("partial entry");
        }
    }

    @Test
    void aFileOfAnotherIdentityIsNotUsed() {
        Path file = dir.resolve("s.bin");
        try (KeyedStore store = KeyedStore.open(file, "test store", "id 1")) {
            store.put(KeyedStore.Key.of("a"), bytes("first"));
        }
        try (KeyedStore store = KeyedStore.open(file, "test store", "id 2")) {
            assertThat(store.size()).isZero();
            assertThat(store.warnings()).singleElement(InstanceOfAssertFactories.STRING)
                    .contains("written for id 1, not id 2");
        }
    }
}
