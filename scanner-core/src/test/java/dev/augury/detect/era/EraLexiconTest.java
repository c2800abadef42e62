package dev.augury.detect.era;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EraLexiconTest {
    private static EraTerm term(String term, EraKind kind, int from, int to, String modern, String... variants) {
        return new EraTerm(term, List.of(variants), kind, from, to, modern, null, null, false, false);
    }

    private static final EraLexicon LEXICON = EraLexicon.of(List.of(
            term("Duck Hawk", EraKind.SPECIES, 1800, 1948, "Peregrine Falcon"),
            term("Marsh Hawk", EraKind.SPECIES, 1800, 1983, "Northern Harrier"),
            term("Königsberg", EraKind.PLACE, 1255, 1946, "Kaliningrad", "Koenigsberg"),
            term("Sandwich Islands", EraKind.PLACE, 1778, 1898, "Hawaii"),
            term("Constantinople", EraKind.PLACE, 330, 1930, "Istanbul"),
            term("phonograph", EraKind.TECHNOLOGY, 1877, 1930, "record player"),
            term("to-day", EraKind.SPELLING, 1600, 1930, "today"),
            term("shew", EraKind.SPELLING, 1500, 1900, "show"),
            term("despatch", EraKind.SPELLING, 1700, 1950, "dispatch"),
            term("Peking", EraKind.PLACE, 1813, 1979, "Beijing"),
            term("Peiping", EraKind.PLACE, 1928, 1949, "Beijing"),
            new EraTerm("guinea", List.of(), EraKind.CURRENCY, 1663, 1971, null, "Britain", null, true, true)));

    @Test
    void findsMultiWordObsoleteNamesInsideSentences() {
        List<EraMatch> found = LEXICON.find("At dawn a Duck Hawk stooped on the pigeons, and a marsh hawk quartered the reeds.");
        assertThat(found).extracting(m -> m.term().term()).containsExactly("Duck Hawk", "Marsh Hawk");
        assertThat(found.get(0).kind()).isEqualTo(MatchKind.EXACT);
        assertThat(found.get(0).matched()).isEqualTo("Duck Hawk");
        assertThat(found.get(1).kind()).isEqualTo(MatchKind.CASE_INSENSITIVE);
        String text = "We sailed for the Sandwich Islands in May.";
        EraMatch islands = LEXICON.find(text).get(0);
        assertThat(text.substring(islands.start(), islands.end())).isEqualTo("Sandwich Islands");
    }

    @Test
    void doesNotFireOnModernCounterpartsButReportsThem() {
        String modern = "A Peregrine Falcon nests on a tower in Kaliningrad; we flew from Istanbul to Beijing and Hawaii.";
        assertThat(LEXICON.find(modern)).isEmpty();
        assertThat(LEXICON.modernCounterpartOf(modern)).extracting(m -> m.term().term())
                .containsExactly("Duck Hawk", "Königsberg", "Constantinople", "Peking", "Peiping", "Sandwich Islands");
        assertThat(LEXICON.modernCounterpartOf("The museum in Königsberg")).isEmpty();
    }

    @Test
    void matchesPluralsPossessivesVariantsAndFoldedDiacritics() {
        assertThat(LEXICON.find("Two duck hawks and the phonographs of the day."))
                .extracting(EraMatch::kind).containsExactly(MatchKind.LEMMA, MatchKind.LEMMA);
        assertThat(LEXICON.find("Constantinople's walls")).extracting(EraMatch::kind).containsExactly(MatchKind.EXACT);
        assertThat(LEXICON.find("KONIGSBERG and Koenigsberg")).extracting(m -> m.term().term())
                .containsExactly("Königsberg", "Königsberg");
    }

    @Test
    void aModernNameContainingOrResemblingAnObsoleteNameBlocksIt() {
        EraLexicon lex = EraLexicon.of(List.of(
                term("Crested Flycatcher", EraKind.SPECIES, 1810, 1957, "Great Crested Flycatcher"),
                term("Marseilles", EraKind.PLACE, 1500, 1990, "Marseille"),
                term("æsthetic", EraKind.SPELLING, 1800, 1950, "aesthetic")));
        assertThat(lex.find("A Great Crested Flycatcher called from the oak.")).isEmpty();
        assertThat(lex.find("A crested flycatcher called.")).hasSize(1);
        assertThat(lex.find("We flew to Marseille.")).isEmpty();
        assertThat(lex.find("We sailed to Marseilles.")).extracting(EraMatch::kind).containsExactly(MatchKind.EXACT);
        assertThat(lex.find("an aesthetic choice")).isEmpty();
        assertThat(lex.find("the æsthetic movement")).hasSize(1);
    }

    /** 39 default entries are also the modern name of an older entry; before, none of them was ever matched. */
    @Test
    void aTermThatIsBothAnEntryAndTheModernNameOfAnOlderOneIsMatchedAsItsOwnEntry() {
        EraLexicon lex = EraLexicon.of(List.of(
                term("talking machine", EraKind.TECHNOLOGY, 1890, 1925, "phonograph"),
                term("phonograph", EraKind.TECHNOLOGY, 1877, 1930, "record player")));
        assertThat(lex.find("The phonograph is the newest marvel.")).extracting(m -> m.term().term())
                .containsExactly("phonograph");
        assertThat(lex.find("Phonograph records")).extracting(m -> m.term().term()).containsExactly("phonograph");
        assertThat(lex.find("a talking machine")).extracting(m -> m.term().term()).containsExactly("talking machine");
        assertThat(EraLexicon.from(EraTestSupport.rules())
                .find("The latest thing is the phonograph; in Yugoslavia the KGB had no say."))
                .extracting(m -> m.term().term()).containsExactly("phonograph", "Yugoslavia", "KGB");
    }

    /** Leftmost-longest alone gave "the wireless" (1920-1960) to "the wireless telegraph" (1897-1930). */
    @Test
    void aLongerNameStartingInsideAShorterOneWins() {
        EraLexicon lex = EraLexicon.of(List.of(
                term("the wireless", EraKind.TECHNOLOGY, 1920, 1960, "the radio"),
                term("wireless telegraph", EraKind.TECHNOLOGY, 1897, 1930, "radio")));
        assertThat(lex.find("The latest invention is the wireless telegraph.")).extracting(m -> m.term().term())
                .containsExactly("wireless telegraph");
        assertThat(lex.find("We listened to the wireless.")).extracting(m -> m.term().term())
                .containsExactly("the wireless");
    }

    @Test
    void aNameOfSeveralWordsWithOneWordMisspeltByOneEditIsAFuzzyMatch() {
        EraLexicon lex = EraLexicon.of(List.of(
                term("Killdeer Plover", EraKind.SPECIES, 1780, 1910, "Killdeer"),
                term("Virginia Partridge", EraKind.SPECIES, 1780, 1890, "Northern Bobwhite")));
        assertThat(lex.find("One example is the Kildeer Plover.")).singleElement().satisfies(m -> {
            assertThat(m.term().term()).isEqualTo("Killdeer Plover");
            assertThat(m.kind()).isEqualTo(MatchKind.FUZZY);
        });
        assertThat(lex.find("Virginian Partridge")).extracting(m -> m.term().term())
                .containsExactly("Virginia Partridge");
        assertThat(lex.find("A Killdeer ran along the shore.")).isEmpty();
        assertThat(lex.find("The Kildeer Plovers.")).hasSize(1);
        assertThat(lex.find("Kildeer Plaver")).as("two words misspelt").isEmpty();
        assertThat(lex.find("a kildeer plover")).as("not written as a name").isEmpty();
    }

    @Test
    void requiresTheHyphenOfAHyphenatedSpelling() {
        assertThat(LEXICON.find("I will come to-day.")).extracting(m -> m.term().term()).containsExactly("to-day");
        assertThat(LEXICON.find("Welcome to day three of the course.")).isEmpty();
    }

    @Test
    void honoursCaseSensitiveEntries() {
        assertThat(LEXICON.find("It cost a guinea.")).hasSize(1);
        assertThat(LEXICON.find("Guinea is in West Africa.")).isEmpty();
    }

    @Test
    void capitalizedPlaceNamesOnlyMatchWhenCapitalized() {
        EraLexicon lex = EraLexicon.of(List.of(term("Bône", EraKind.PLACE, 1830, 1962, "Annaba"),
                term("Flushing", EraKind.PLACE, 1500, 1900, "Vlissingen")));
        assertThat(lex.find("The scan shows the bones; the toilet is flushing.")).isEmpty();
        assertThat(lex.find("We sailed from Bône to Flushing.")).hasSize(2);
    }

    @Test
    void fuzzyMatchesOnlyLongProperNames() {
        assertThat(LEXICON.find("He was born in Konigsburg and lived in Constantinopel."))
                .extracting(EraMatch::kind, m -> m.term().term())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(MatchKind.FUZZY, "Königsberg"),
                        org.assertj.core.groups.Tuple.tuple(MatchKind.FUZZY, "Constantinople"));
        // A common noun one letter from a technology term, a modern spelling one letter from a period spelling,
        // and short words near short names are never fuzzy matches.
        assertThat(LEXICON.find("The photograph was sent by dispatch; shaw, show, Pekin and Peking")).extracting(m -> m.term().term())
                .containsExactly("Peking");
        assertThat(LEXICON.find("the konigsburg sausage")).isEmpty();
    }

    @Test
    void editDistanceOneCountsTranspositions() {
        assertThat(EraLexicon.withinOneEdit("konigsberg", "kongisberg")).isTrue();
        assertThat(EraLexicon.withinOneEdit("konigsberg", "konigsbergs")).isTrue();
        assertThat(EraLexicon.withinOneEdit("konigsberg", "kanigsbarg")).isFalse();
    }

    @Test
    void laterEntryWithTheSameTermReplacesTheEarlier() {
        EraLexicon lex = EraLexicon.of(List.of(term("Siam", EraKind.POLITY, 1350, 1939, "Thailand"),
                term("siam", EraKind.POLITY, 1350, 1949, "Thailand")));
        assertThat(lex.size()).isEqualTo(1);
        assertThat(lex.entry("SIAM")).get().extracting(EraTerm::to).isEqualTo(1949);
    }
}
