package dev.augury.detect.persona;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.augury.rules.RulePacks;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The persona packs shipped in the rules module: well-formed, large enough, and internally consistent. */
class PersonaPacksTest {
    /** The floor for a knowledge base that must discriminate rather than default to one villain. */
    private static final int MIN_IDENTITIES = 150;
    /** Enough attributes per identity that many weak matches can add up. */
    private static final int MIN_ATTRIBUTES = 20;
    /** Biden was the 46th president; the sequence must reach at least him. */
    private static final int MIN_LAST_PRESIDENT = 46;
    private static final String US_PRESIDENT = "President of the United States";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static PersonaKnowledgeBase kb;

    @BeforeAll
    static void load() {
        kb = PersonaKnowledgeBase.from(RulePacks.load(List.of()));
    }

    @Test
    void everyPersonaPackValidatesAgainstTheSchemaOfItsKind() throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        List<String> checked = new ArrayList<>();
        Map<String, Set<String>> problems = new TreeMap<>();
        for (String resource : defaultPackResources()) {
            JsonNode pack = readYaml(resource);
            String kind = pack.path("kind").asText();
            if (!kind.startsWith("persona-")) {
                continue;
            }
            JsonSchema schema;
            try (InputStream in = resource(RulePacks.DEFAULT_ROOT + "schema/" + kind + ".schema.json")) {
                schema = factory.getSchema(in);
            }
            Set<String> messages = new TreeSet<>();
            for (ValidationMessage m : schema.validate(pack)) {
                messages.add(m.getMessage());
            }
            if (!messages.isEmpty()) {
                problems.put(resource, messages);
            }
            checked.add(resource);
        }
        assertThat(problems).isEmpty();
        assertThat(checked).anyMatch(r -> r.endsWith("attributes.yaml")).hasSizeGreaterThan(2);
    }

    @Test
    void numbersAppearOnlyUnderYearAndNumberKeys() throws IOException {
        // A YAML scalar like 007 silently becomes the number 7; only years and ordinals may be numbers.
        Set<String> misread = new TreeSet<>();
        for (String resource : defaultPackResources()) {
            JsonNode pack = readYaml(resource);
            if (!pack.path("kind").asText().equals(PersonaKnowledgeBase.IDENTITIES_KIND)) {
                continue;
            }
            for (JsonNode entry : pack.path("entries")) {
                entry.path("aliases").forEach(a -> {
                    if (!a.isTextual()) {
                        misread.add(entry.path("id").asText() + ":aliases:" + a.asText());
                    }
                });
                entry.path("attributes").fields().forEachRemaining(f -> f.getValue().forEach(v -> {
                    ValueType type = kb.attribute(f.getKey()).map(PersonaAttribute::type).orElse(ValueType.TEXT);
                    if (!v.isTextual() && type != ValueType.YEAR && type != ValueType.NUMBER) {
                        misread.add(entry.path("id").asText() + ":" + f.getKey() + ":" + v.asText());
                    }
                }));
            }
        }
        assertThat(misread).isEmpty();
    }

    @Test
    void erasRunForwardAndMatchTheBirthAndDeathYears() {
        assertThat(kb.identities()).allSatisfy(i -> {
            assertThat(i.era()).as(i.id()).isNotNull();
            if (i.era().to() != null) {
                assertThat(i.era().from()).as(i.id()).isLessThanOrEqualTo(i.era().to());
            }
            if (!i.group().fictional() && !i.values("birth_year").isEmpty()) {
                assertThat(i.values("birth_year")).as(i.id()).contains(String.valueOf(i.era().from()));
            }
        });
    }

    @Test
    void knowledgeBaseHoldsAtLeast150Identities() {
        assertThat(kb.size()).isGreaterThanOrEqualTo(MIN_IDENTITIES);
    }

    @Test
    void everyIdentityHasAtLeast20AttributesAndAnAlias() {
        List<String> thin = new ArrayList<>();
        for (Identity identity : kb.identities()) {
            long filled = identity.attributes().keySet().stream()
                    .filter(k -> !kb.normalizedValues(identity.id(), k).isEmpty()).count();
            if (filled < MIN_ATTRIBUTES || identity.aliases().isEmpty()) {
                thin.add(identity.id() + " (" + filled + " attributes, " + identity.aliases().size() + " aliases)");
            }
        }
        assertThat(thin).isEmpty();
    }

    @Test
    void everyAttributeKeyIsInTheVocabulary() {
        Set<String> unknown = new TreeSet<>();
        for (Identity identity : kb.identities()) {
            for (String key : identity.attributes().keySet()) {
                if (!kb.vocabulary().containsKey(key)) {
                    unknown.add(identity.id() + ":" + key);
                }
            }
        }
        assertThat(unknown).isEmpty();
        assertThat(kb.vocabulary()).containsKeys("birth_year", "father_occupation", "dog_name", "ordinal_in_office");
    }

    @Test
    void everyVocabularyKeyHasSeveralQuestionPhrasings() {
        assertThat(kb.vocabulary().values()).allSatisfy(a -> {
            assertThat(a.questions()).as(a.key()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(a.description()).as(a.key()).isNotBlank();
        });
    }

    @Test
    void identityIdsAreUniqueAcrossPacks() throws IOException {
        List<String> ids = new ArrayList<>();
        for (String resource : defaultPackResources()) {
            JsonNode pack = readYaml(resource);
            if (pack.path("kind").asText().equals(PersonaKnowledgeBase.IDENTITIES_KIND)) {
                pack.path("entries").forEach(e -> ids.add(e.path("id").asText()));
            }
        }
        assertThat(ids).doesNotHaveDuplicates().hasSize(kb.size());
    }

    @Test
    void everyIdentityHasARiskLevelAndTheHarmfulGroupsAreNotLowRisk() {
        assertThat(kb.identities()).allSatisfy(i -> assertThat(i.risk()).as(i.id()).isNotNull());
        Set<PersonaGroup> harmful = Set.of(PersonaGroup.DICTATOR, PersonaGroup.PERPETRATOR, PersonaGroup.TERRORIST,
                PersonaGroup.CULT_LEADER, PersonaGroup.HOSTILE_AI);
        assertThat(kb.identities()).filteredOn(i -> harmful.contains(i.group()))
                .isNotEmpty()
                .allSatisfy(i -> assertThat(i.risk()).as(i.id()).isGreaterThanOrEqualTo(RiskLevel.MEDIUM));
        assertThat(kb.identities()).filteredOn(i -> i.risk() == RiskLevel.CRITICAL).isNotEmpty();
        assertThat(kb.identities()).filteredOn(i -> i.risk() == RiskLevel.LOW).hasSizeGreaterThan(kb.size() / 3);
    }

    @Test
    void usPresidentsFormAnUnbrokenOrdinalSequence() {
        Map<Integer, String> byOrdinal = new TreeMap<>();
        List<String> clashes = new ArrayList<>();
        for (Identity identity : kb.identities()) {
            if (!identity.values("office").contains(US_PRESIDENT)) {
                continue;
            }
            assertThat(identity.values("ordinal_in_office")).as(identity.id()).isNotEmpty();
            for (String ordinal : identity.values("ordinal_in_office")) {
                String earlier = byOrdinal.put(Integer.parseInt(ordinal), identity.id());
                if (earlier != null) {
                    clashes.add(ordinal + ": " + earlier + " and " + identity.id());
                }
            }
        }
        assertThat(clashes).isEmpty();
        assertThat(byOrdinal).isNotEmpty();
        int last = ((TreeMap<Integer, String>) byOrdinal).lastKey();
        assertThat(last).isGreaterThanOrEqualTo(MIN_LAST_PRESIDENT);
        Set<Integer> missing = new TreeSet<>();
        for (int n = 1; n <= last; n++) {
            if (!byOrdinal.containsKey(n)) {
                missing.add(n);
            }
        }
        assertThat(missing).isEmpty();
        assertThat(byOrdinal.get(1)).isEqualTo("george-washington");
        assertThat(byOrdinal.get(16)).isEqualTo("abraham-lincoln");
    }

    @Test
    void groupsSpreadBeyondTheHarmfulOnes() {
        Set<PersonaGroup> groups = new HashSet<>();
        kb.identities().forEach(i -> groups.add(i.group()));
        assertThat(groups).contains(PersonaGroup.DICTATOR, PersonaGroup.TERRORIST, PersonaGroup.CULT_LEADER,
                PersonaGroup.FICTIONAL_VILLAIN, PersonaGroup.HOSTILE_AI, PersonaGroup.FICTIONAL_HERO,
                PersonaGroup.BENEVOLENT_AI, PersonaGroup.POLITICAL_LEADER, PersonaGroup.SCIENTIST,
                PersonaGroup.MUSICIAN, PersonaGroup.WRITER, PersonaGroup.ATHLETE, PersonaGroup.ARTIST);
    }

    @Test
    void sharedValuesGiveMeaningfulBackgroundFrequencies() {
        assertThat(kb.frequency("diet", "vegetarian")).isGreaterThan(1);
        assertThat(kb.frequency("birth_country", "Austria")).isGreaterThan(1);
        assertThat(kb.identitiesWith("birth_place", "braunau am inn")).containsExactly("adolf-hitler");
        assertThat(kb.backgroundProbability("birth_place", "Braunau am Inn"))
                .isLessThan(kb.backgroundProbability("diet", "vegetarian"));
    }

    @Test
    void theTwoTerminatorsAreSeparateIdentitiesWithDifferentRisk() {
        Identity villain = kb.identity("t-800-terminator").orElseThrow();
        Identity protector = kb.identity("t-800-protector").orElseThrow();
        assertThat(villain.group()).isEqualTo(PersonaGroup.HOSTILE_AI);
        assertThat(protector.group()).isEqualTo(PersonaGroup.BENEVOLENT_AI);
        assertThat(villain.risk()).isGreaterThan(protector.risk());
    }

    private static List<String> defaultPackResources() throws IOException {
        JsonNode index = readYaml(RulePacks.DEFAULT_ROOT + "index.yaml");
        List<String> out = new ArrayList<>();
        index.path("packs").forEach(p -> out.add(RulePacks.DEFAULT_ROOT + p.asText()));
        return out;
    }

    private static JsonNode readYaml(String resource) throws IOException {
        try (InputStream in = resource(resource)) {
            return YAML.readTree(in);
        }
    }

    private static InputStream resource(String resource) {
        InputStream in = PersonaPacksTest.class.getClassLoader().getResourceAsStream(resource);
        assertThat(in).as(resource).isNotNull();
        return in;
    }
}
