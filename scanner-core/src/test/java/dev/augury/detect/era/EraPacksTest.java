package dev.augury.detect.era;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.augury.rules.RulePack;
import dev.augury.rules.RulePacks;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default era packs: schema-valid, internally consistent, and loadable into the matcher. */
class EraPacksTest {
    private static RulePacks packs;

    @BeforeAll
    static void load() {
        packs = RulePacks.of(RulePacks.loadDefaults());
    }

    private static JsonSchema schema(String file) throws Exception {
        try (InputStream in = EraPacksTest.class.getClassLoader()
                .getResourceAsStream(RulePacks.DEFAULT_ROOT + "schema/" + file)) {
            assertThat(in).as(file).isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    @Test
    void everyEraPackValidatesAgainstItsSchema() throws Exception {
        JsonSchema lexicon = schema("era-lexicon.schema.json");
        JsonSchema contrast = schema("era-contrast.schema.json");
        assertThat(packs.ofKind(EraLexicon.KIND)).hasSizeGreaterThanOrEqualTo(5);
        assertThat(packs.ofKind(EraContrastSet.KIND)).isNotEmpty();
        for (RulePack p : packs.ofKind(EraLexicon.KIND)) {
            Set<ValidationMessage> errors = lexicon.validate(p.root());
            assertThat(errors).as(p.source()).isEmpty();
        }
        for (RulePack p : packs.ofKind(EraContrastSet.KIND)) {
            assertThat(contrast.validate(p.root())).as(p.source()).isEmpty();
        }
    }

    @Test
    void termsAreUniqueAcrossPacksAndYearsAreOrdered() {
        Map<String, String> seen = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (RulePack p : packs.ofKind(EraLexicon.KIND)) {
            for (EraTerm t : p.entries(EraTerm.class)) {
                String key = t.term().toLowerCase(Locale.ROOT);
                String before = seen.putIfAbsent(key, p.name());
                if (before != null) {
                    problems.add("duplicate term '" + t.term() + "' in " + p.name() + " and " + before);
                }
                if (t.from() > t.to()) {
                    problems.add(t.term() + ": from > to");
                }
                if (t.modern() != null && t.modern().equalsIgnoreCase(t.term())) {
                    problems.add(t.term() + ": modern == term");
                }
                if (t.variants().stream().anyMatch(v -> v.equalsIgnoreCase(t.term()))) {
                    problems.add(t.term() + ": variant repeats the term");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void noObsoleteFormMatchesItsOwnModernName() {
        EraLexicon lexicon = EraLexicon.from(packs);
        List<String> problems = new ArrayList<>();
        for (EraTerm t : lexicon.terms()) {
            if (t.modern() != null) {
                lexicon.find(t.modern()).stream().filter(m -> m.term().equals(t))
                        .forEach(m -> problems.add(t.term() + " fires on its modern name '" + t.modern() + "'"));
            }
        }
        assertThat(problems).isEmpty();
        assertThat(lexicon.size()).isGreaterThan(1000);
    }

    @Test
    void contrastPairsBindAndHaveOrderedYears() {
        EraContrastSet set = EraContrastSet.from(packs);
        assertThat(set.pairs()).hasSizeGreaterThanOrEqualTo(200);
        assertThat(set.pairs()).allSatisfy(p -> assertThat(p.from()).isLessThanOrEqualTo(p.to()));
        assertThat(set.periodTexts()).doesNotHaveDuplicates();
        assertThat(set.modernTexts()).doesNotHaveDuplicates();
    }

}
