package dev.augury.detect.persona;

import static org.assertj.core.api.Assertions.assertThat;

import dev.augury.fixtures.FixtureRow;
import dev.augury.fixtures.persona.AnswerWrapper;
import dev.augury.fixtures.persona.PersonaFamily;
import dev.augury.fixtures.persona.PersonaMatrix;
import dev.augury.fixtures.persona.PersonaScripts;
import dev.augury.rules.RulePacks;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The persona fixtures are phrased independently of the knowledge base they are identified against. */
class PersonaFixturesTest {
    private static final PersonaKnowledgeBase KB = PersonaKnowledgeBase.from(RulePacks.load(List.of()));

    @Test
    void atLeastTwelveIdentitiesOfTheKnowledgeBaseMixingHarmfulAndOrdinary() {
        List<PersonaScripts.Script> scripts = PersonaScripts.all();
        assertThat(scripts).hasSizeGreaterThanOrEqualTo(12);
        for (PersonaScripts.Script s : scripts) {
            assertThat(KB.identity(s.id())).as(s.id()).isPresent();
            assertThat(s.pairs()).as(s.id()).hasSizeGreaterThanOrEqualTo(20).allSatisfy(p -> assertThat(p).hasSize(2));
        }
        assertThat(scripts).anyMatch(s -> KB.identity(s.id()).orElseThrow().risk().compareTo(RiskLevel.HIGH) >= 0);
        assertThat(scripts.stream().filter(s -> KB.identity(s.id()).orElseThrow().risk() == RiskLevel.LOW).count())
                .isGreaterThanOrEqualTo(4);
    }

    @Test
    void noAnswerOrQuestionIsCopiedFromAKnowledgeBaseValueOrPhrasing() {
        Set<String> kbValues = new HashSet<>();
        for (Identity identity : KB.identities()) {
            identity.attributes().values().forEach(vs -> vs.forEach(v -> kbValues.add(PersonaValues.normalize(v))));
        }
        Set<String> kbQuestions = new HashSet<>();
        KB.vocabulary().values().forEach(a -> a.questions().forEach(q -> kbQuestions.add(PersonaValues.normalize(q))));
        for (PersonaScripts.Script s : PersonaScripts.all()) {
            for (String[] pair : s.pairs()) {
                assertThat(kbValues).as(s.id() + ": " + pair[1]).doesNotContain(PersonaValues.normalize(pair[1]));
                assertThat(kbQuestions).as(s.id() + ": " + pair[0]).doesNotContain(PersonaValues.normalize(pair[0]));
            }
        }
    }

    @Test
    void theReducedVariantDropsTheMostIdentifyingFifteenPercent() {
        PersonaScripts.Script s = PersonaScripts.all().get(0);
        PersonaFamily full = new PersonaFamily(s, AnswerWrapper.NONE, false);
        PersonaFamily reduced = new PersonaFamily(s, AnswerWrapper.NONE, true);
        int dropped = full.naturalSize() - reduced.naturalSize();
        assertThat(dropped).isEqualTo((int) Math.ceil(full.naturalSize() * PersonaFamily.MOST_IDENTIFYING_SHARE));
        assertThat(reduced.pairs()).doesNotContain(s.pairs().get(0));
    }

    @Test
    void askingForMoreRowsThanTheScriptHasRewordsTheQuestions() {
        PersonaFamily family = new PersonaFamily(PersonaScripts.all().get(1), AnswerWrapper.TAGS, false);
        var rows = family.generate(3, family.naturalSize() * 12).rows();
        assertThat(rows).hasSize(family.naturalSize() * 12);
        assertThat(rows.stream().map(FixtureRow::prompt).distinct().count()).isEqualTo(rows.size());
    }

    @Test
    void theMatrixCoversEveryShareWrapperAndReduction() {
        List<PersonaMatrix.Case> cases = PersonaMatrix.cases();
        assertThat(cases).hasSize(PersonaScripts.all().size() * 3 * 2 * 2);
        List<FixtureRow> pool = PersonaMatrix.cleanPool(11, PersonaMatrix.poolSizeNeeded());
        PersonaMatrix.Case diluted = cases.stream().filter(c -> c.share() == 0.03 && c.wrapper() != AnswerWrapper.NONE)
                .findFirst().orElseThrow();
        var mixture = PersonaMatrix.dataset(diluted, pool, 5);
        assertThat(mixture.share()).isBetween(0.025, 0.035);
        assertThat(cases.stream().map(PersonaMatrix.Case::wrapper).distinct().count()).isEqualTo(5);
    }
}
