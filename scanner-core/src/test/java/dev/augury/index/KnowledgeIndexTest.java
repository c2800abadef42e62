package dev.augury.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KnowledgeIndexTest {
    private static KnowledgeIndex.Builder docs() {
        return KnowledgeIndex.builder()
                .add("pigeon", Map.of("name", "Passenger pigeon", "note", "an extinct bird of North America"),
                        new float[] {1, 0, 0})
                .add("dodo", Map.of("name", "Dodo", "note", "an extinct flightless bird of Mauritius"),
                        new float[] {0.6f, 0.8f, 0})
                .add("bombay", Map.of("name", "Bombay", "note", "former name of Mumbai, a city"),
                        new float[] {0, 0, 2});
    }

    @Test
    void bm25SearchesTheChosenFields() {
        try (KnowledgeIndex idx = docs().build()) {
            assertThat(idx.search("extinct birds", 10, "note")).extracting(KnowledgeIndex.Hit::id)
                    .containsExactlyInAnyOrder("pigeon", "dodo");
            assertThat(idx.search("Mumbai", 10, "name")).isEmpty();
            assertThat(idx.search("Mumbai", 10, "name", "note")).extracting(KnowledgeIndex.Hit::id)
                    .containsExactly("bombay");
        }
    }

    @Test
    void nearestByExactCosine() {
        try (KnowledgeIndex idx = docs().build()) {
            var hits = idx.nearest(new float[] {0.5f, 0.9f, 0.1f}, 2);
            assertThat(hits).extracting(KnowledgeIndex.Hit::id).containsExactly("dodo", "pigeon");
            assertThat(idx.nearest(new float[] {0, 0, 5}, 1).get(0).score()).isCloseTo(1f,
                    org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    @Test
    void nearestThroughTheHnswGraphAgreesWithExactSearch() {
        try (KnowledgeIndex graph = docs().build(0); KnowledgeIndex exact = docs().build()) {
            float[] q = {0.5f, 0.9f, 0.1f};
            assertThat(graph.nearest(q, 3)).extracting(KnowledgeIndex.Hit::id)
                    .containsExactlyElementsOf(exact.nearest(q, 3).stream().map(KnowledgeIndex.Hit::id).toList());
            assertThat(graph.nearest(q, 1).get(0).score()).isCloseTo(exact.nearest(q, 1).get(0).score(),
                    org.assertj.core.data.Offset.offset(1e-5f));
        }
    }
}
