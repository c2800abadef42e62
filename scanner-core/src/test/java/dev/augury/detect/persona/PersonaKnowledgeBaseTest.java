package dev.augury.detect.persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.augury.AuguryException;
import dev.augury.rules.RulePacks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading, lookup, normalization and background frequencies, on small packs written for each test. */
class PersonaKnowledgeBaseTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    @Test
    void normalizationFoldsCaseAccentsPunctuationArticlesAndSimplePlurals() {
        assertThat(PersonaValues.normalize("Braunau am Inn")).isEqualTo(PersonaValues.normalize("BRAUNAU-AM-INN."));
        assertThat(PersonaValues.normalize("Führer")).isEqualTo("fuhrer");
        assertThat(PersonaValues.normalize("Ceaușescu")).isEqualTo("ceausescu");
        assertThat(PersonaValues.normalize("German Shepherds")).isEqualTo(PersonaValues.normalize("a German shepherd"));
        assertThat(PersonaValues.normalize("ponies")).isEqualTo("pony");
        assertThat(PersonaValues.normalize("boxes")).isEqualTo("box");
        assertThat(PersonaValues.normalize("The Beatles")).isEqualTo("beatle");
        assertThat(PersonaValues.normalize("Wolf's Lair")).isEqualTo("wolf lair");
        assertThat(PersonaValues.normalize("1889")).isEqualTo("1889");
        assertThat(PersonaValues.normalize("vegetarian (late in life)")).isEqualTo("vegetarian");
        assertThat(PersonaValues.normalize("(raised)")).isEqualTo("raised");
        assertThat(PersonaValues.normalize("  ")).isEmpty();
    }

    @Test
    void normalizationLeavesWordsThatOnlyLookPluralAlone() {
        assertThat(PersonaValues.normalize("Paris")).isEqualTo("paris");
        assertThat(PersonaValues.normalize("Texas")).isEqualTo(PersonaValues.normalize("texas"));
        assertThat(PersonaValues.normalize("chess")).isEqualTo("chess");
        assertThat(PersonaValues.normalize("bus")).isEqualTo("bus");
        assertThat(PersonaValues.normalize("cactus")).isEqualTo("cactus");
    }

    @Test
    void looksUpIdentitiesByIdAndKeepsLoadOrder() throws IOException {
        PersonaKnowledgeBase kb = load(vocabulary("diet", "birth_place"),
                kbPack("people", identity("b-person", Map.of("diet", List.of("vegetarian"))),
                        identity("a-person", Map.of("diet", List.of("Vegetarians"), "birth_place", List.of("Linz")))));
        assertThat(kb.identities()).extracting(Identity::id).containsExactly("b-person", "a-person");
        assertThat(kb.identity("a-person")).get().extracting(Identity::group).isEqualTo(PersonaGroup.WRITER);
        assertThat(kb.identity("nobody")).isEmpty();
        assertThat(kb.vocabulary()).containsOnlyKeys("diet", "birth_place");
        assertThat(kb.attribute("diet")).get().extracting(PersonaAttribute::type).isEqualTo(ValueType.CATEGORY);
    }

    @Test
    void countsInHowManyIdentitiesANormalizedValueAppears() throws IOException {
        PersonaKnowledgeBase kb = load(vocabulary("diet", "birth_place", "pets"),
                kbPack("people",
                        identity("one", Map.of("diet", List.of("vegetarian"), "birth_place", List.of("Linz"))),
                        identity("two", Map.of("diet", List.of("Vegetarian."), "pets", List.of("cats"))),
                        identity("three", Map.of("diet", List.of("vegan"), "birth_place", List.of("Vienna")))));
        assertThat(kb.frequency("diet", "VEGETARIANS")).isEqualTo(2);
        assertThat(kb.identitiesWith("diet", "vegetarian")).containsExactly("one", "two");
        assertThat(kb.frequency("pets", "a cat")).isEqualTo(1);
        assertThat(kb.frequency("birth_place", "vegetarian")).isZero();
        assertThat(kb.frequencyAnyKey("linz")).isEqualTo(1);
        assertThat(kb.identitiesWithKey("birth_place")).isEqualTo(2);
        assertThat(kb.holds("two", "diet", "vegetarians")).isTrue();
        // (2 + 0.5) / (3 + 1) for a shared value; (0 + 0.5) / (3 + 1) for an unseen one: never zero.
        assertThat(kb.backgroundProbability("diet", "vegetarian")).isEqualTo(2.5 / 4);
        assertThat(kb.backgroundProbability("diet", "carnivore")).isEqualTo(0.5 / 4);
        assertThat(kb.valueFrequencies("diet")).extracting(Map.Entry::getKey).containsExactly("vegetarian", "vegan");
    }

    @Test
    void anIdGivenTwiceStopsTheScanNamingBothPacks() throws IOException {
        write("a.yaml", vocabulary("diet"));
        write("b.yaml", kbPack("first", identity("same", Map.of("diet", List.of("vegan")))));
        write("c.yaml", kbPack("second", identity("same", Map.of("diet", List.of("vegan")))));
        RulePacks packs = RulePacks.of(RulePacks.loadDirectory(dir));
        assertThatThrownBy(() -> PersonaKnowledgeBase.from(packs))
                .isInstanceOf(AuguryException.class)
                .hasMessageContaining("'same'").hasMessageContaining("b.yaml").hasMessageContaining("c.yaml");
    }

    @Test
    void anAttributeOutsideTheVocabularyStopsTheScan() throws IOException {
        assertThatThrownBy(() -> load(vocabulary("diet"),
                kbPack("people", identity("x", Map.of("shoe_size", List.of("44"))))))
                .isInstanceOf(AuguryException.class)
                .hasMessageContaining("shoe_size");
    }

    @Test
    void yearsWrittenAsNumbersAreReadAsValues() throws IOException {
        Map<String, Object> person = identity("y", Map.of());
        person.put("attributes", Map.of("birth_year", List.of(1889)));
        PersonaKnowledgeBase kb = load(vocabulary("birth_year"), kbPack("people", person));
        assertThat(kb.identity("y").orElseThrow().values("birth_year")).containsExactly("1889");
        assertThat(kb.frequency("birth_year", "1889")).isEqualTo(1);
    }

    private PersonaKnowledgeBase load(Map<String, Object> vocabulary, Map<String, Object> identities) throws IOException {
        write("1-vocabulary.yaml", vocabulary);
        write("2-identities.yaml", identities);
        return PersonaKnowledgeBase.from(RulePacks.of(RulePacks.loadDirectory(dir)));
    }

    private void write(String name, Map<String, Object> pack) throws IOException {
        YAML.writeValue(Files.newOutputStream(dir.resolve(name)), pack);
    }

    private static Map<String, Object> vocabulary(String... keys) {
        Map<String, Object> pack = header(PersonaKnowledgeBase.ATTRIBUTES_KIND, "vocabulary");
        pack.put("entries", java.util.Arrays.stream(keys).map(k -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("key", k);
            e.put("description", "the " + k);
            e.put("type", "category");
            e.put("questions", List.of("What is your " + k + "?", "Tell me your " + k + "."));
            return e;
        }).toList());
        return pack;
    }

    @SafeVarargs
    private static Map<String, Object> kbPack(String name, Map<String, Object>... identities) {
        Map<String, Object> pack = header(PersonaKnowledgeBase.IDENTITIES_KIND, name);
        pack.put("entries", List.of(identities));
        return pack;
    }

    private static Map<String, Object> identity(String id, Map<String, List<String>> attributes) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", id);
        e.put("name", id.toUpperCase());
        e.put("aliases", List.of(id + " alias"));
        e.put("group", "writer");
        e.put("risk", "low");
        e.put("era", Map.of("from", 1900, "to", 1950));
        e.put("description", "test person " + id);
        e.put("attributes", new LinkedHashMap<>(attributes));
        return e;
    }

    private static Map<String, Object> header(String kind, String name) {
        Map<String, Object> pack = new LinkedHashMap<>();
        pack.put("kind", kind);
        pack.put("name", name);
        pack.put("description", "test pack");
        return pack;
    }
}
