package dev.augury.report.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.augury.AuguryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuppressionsTest {

    @Test
    void loadsEntriesByIdAndByCategoryAndPathWithOptionalExpiry(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("suppressions.yaml");
        Files.writeString(file, """
                suppressions:
                  - id: era-shift-3f2a91c0
                    reason: "Historical fiction: the old names are the point"
                    until: 2026-12-31
                  - category: data-quality
                    path: "data/*.jsonl"
                    reason: Legacy shard
                """);
        Suppressions s = Suppressions.load(file);
        assertThat(s.entries()).containsExactly(
                new Suppression(1, "era-shift-3f2a91c0", null, null, "Historical fiction: the old names are the point",
                        LocalDate.of(2026, 12, 31)),
                new Suppression(2, null, "data-quality", "data/*.jsonl", "Legacy shard", null));
        assertThat(s.source()).isEqualTo(file.toString());
    }

    @Test
    void acceptsATopLevelListAndAnEmptyFile() {
        assertThat(Suppressions.parse("- id: x-1\n  reason: known\n", "s.yaml").entries()).hasSize(1);
        assertThat(Suppressions.parse("", "s.yaml").isEmpty()).isTrue();
        assertThat(Suppressions.parse("suppressions:\n", "s.yaml").isEmpty()).isTrue();
    }

    @Test
    void anEntryWithoutAReasonIsAnErrorNamingFileAndEntry() {
        assertThatThrownBy(() -> Suppressions.parse("""
                suppressions:
                  - id: a-1
                    reason: ok
                  - id: a-2
                """, "team/suppressions.yaml"))
                .isInstanceOf(AuguryException.class)
                .hasMessageContaining("team/suppressions.yaml")
                .hasMessageContaining("entry 2")
                .hasMessageContaining("'reason' is required");
    }

    @Test
    void aBadDateIsAnErrorThatShowsTheExpectedForm() {
        assertThatThrownBy(() -> Suppressions.parse("- id: a-1\n  reason: r\n  until: 31/12/2026\n", "s.yaml"))
                .isInstanceOf(AuguryException.class)
                .hasMessageContaining("entry 1")
                .hasMessageContaining("yyyy-MM-dd")
                .hasMessageContaining("31/12/2026");
        assertThatThrownBy(() -> Suppressions.parse("- id: a-1\n  reason: r\n  until: 2026-02-30\n", "s.yaml"))
                .isInstanceOf(AuguryException.class).hasMessageContaining("2026-02-30");
    }

    @Test
    void anUnknownFieldIsAnErrorSoATypoNeverSuppressesSilently() {
        assertThatThrownBy(() -> Suppressions.parse("- id: a-1\n  reason: r\n  expires: 2026-01-01\n", "s.yaml"))
                .isInstanceOf(AuguryException.class)
                .hasMessageContaining("entry 1")
                .hasMessageContaining("unknown field 'expires'");
        assertThatThrownBy(() -> Suppressions.parse("supressions: []\n", "s.yaml"))
                .isInstanceOf(AuguryException.class).hasMessageContaining("'supressions'");
    }

    @Test
    void anEntryMustMatchByIdOrByCategoryAndPath() {
        assertThatThrownBy(() -> Suppressions.parse("- category: era-shift\n  reason: r\n", "s.yaml"))
                .isInstanceOf(AuguryException.class).hasMessageContaining("'category' and 'path'");
        assertThatThrownBy(() -> Suppressions.parse("- id: a\n  category: era-shift\n  path: x\n  reason: r\n", "s.yaml"))
                .isInstanceOf(AuguryException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> Suppressions.parse("- category: era-shift\n  path: 'data/[a'\n  reason: r\n", "s.yaml"))
                .isInstanceOf(AuguryException.class).hasMessageContaining("not a valid glob");
    }

    @Test
    void aMissingFileIsAUserError(@TempDir Path dir) {
        assertThatThrownBy(() -> Suppressions.load(dir.resolve("nope.yaml")))
                .isInstanceOf(AuguryException.class).hasMessageContaining("does not exist");
    }
}
