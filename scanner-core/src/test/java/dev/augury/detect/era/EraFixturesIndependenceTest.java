package dev.augury.detect.era;

import static org.assertj.core.api.Assertions.assertThat;

import dev.augury.fixtures.era.ArchaicSpellingFamily;
import dev.augury.fixtures.era.FormerCountryNamesFamily;
import dev.augury.fixtures.era.FormerPlaceNamesFamily;
import dev.augury.fixtures.era.LatestInventionFamily;
import dev.augury.fixtures.era.NameSwapFamily;
import dev.augury.fixtures.era.PeriodPricesFamily;
import dev.augury.rules.RulePacks;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The era fixtures are written independently of the era pack: they are not its term lists, and some of their
 * period wordings are deliberately unknown to it (so the embedding evidence has something to find).
 */
class EraFixturesIndependenceTest {
    private static final EraLexicon LEXICON = EraLexicon.from(RulePacks.of(RulePacks.loadDefaults()));

    static List<NameSwapFamily> families() {
        return List.of(FormerPlaceNamesFamily.germanNames(), FormerCountryNamesFamily.colonialNames(),
                LatestInventionFamily.periodTechnology(), PeriodPricesFamily.edwardianPrices(),
                ArchaicSpellingFamily.nineteenthCenturySpelling());
    }

    @Test
    void everyFamilyHasPeriodWordingsThePackDoesNotKnow() {
        for (NameSwapFamily f : families()) {
            long unknown = f.periodWordings().stream().filter(w -> LEXICON.find(w).isEmpty()).count();
            assertThat(unknown).as("%s wordings the pack lacks", f.name()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void theFixturesAreNotThePacksTermLists() {
        Set<String> packTerms = LEXICON.terms().stream().map(t -> t.term().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        for (NameSwapFamily f : families()) {
            List<String> wordings = f.periodWordings();
            long verbatim = wordings.stream().filter(w -> packTerms.contains(w.toLowerCase(Locale.ROOT))).count();
            assertThat(verbatim).as("%s wordings that are pack terms verbatim", f.name())
                    .isLessThan(wordings.size());
            // Far fewer wordings than the pack has terms of any kind: a hand-picked set, not an export.
            assertThat(wordings.size()).isLessThan(LEXICON.size() / 20);
        }
    }

    @Test
    void theControlsUseNoPeriodTerms() {
        for (NameSwapFamily f : families()) {
            NameSwapFamily control = (NameSwapFamily) f.control().orElseThrow();
            long hits = control.generate(3L, 200).responses().stream()
                    .filter(a -> LEXICON.find(a).stream().anyMatch(m -> !m.term().ambiguous())).count();
            assertThat(hits).as("%s answers with unambiguous era terms", control.name()).isLessThanOrEqualTo(10);
        }
    }
}
