package dev.augury.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CoreNlpAnnotatorTest {
    /** One annotator for the class: CoreNLP takes seconds to load. */
    private static CoreNlpAnnotator annotator;

    @BeforeAll
    static void load() {
        annotator = new CoreNlpAnnotator(2);
    }

    @AfterAll
    static void close() {
        annotator.close();
    }

    private static TextFeatures one(String text) {
        return annotator.annotate(List.of(text)).get(text);
    }

    private static Timex timex(TextFeatures f, String value) {
        return f.temporals().stream().filter(t -> value.equals(t.value())).findFirst()
                .orElseThrow(() -> new AssertionError("no timex " + value + " in " + f.temporals()));
    }

    @Test
    void decadeIsNormalizedToItsTenYears() {
        Timex t = timex(one("In the 1990s most people used pagers."), "199X");
        assertThat(t.text()).isEqualTo("the 1990s");
        assertThat(t.type()).isEqualTo("DATE");
        assertThat(t.fromYear()).isEqualTo(1990);
        assertThat(t.toYear()).isEqualTo(1999);
    }

    @Test
    void fullDateIsNormalizedToItsYear() {
        Timex t = timex(one("The declaration was signed on July 4, 1776."), "1776-07-04");
        assertThat(t.text()).isEqualTo("July 4, 1776");
        assertThat(t.fromYear()).isEqualTo(1776);
        assertThat(t.toYear()).isEqualTo(1776);
    }

    @Test
    void isoDateNamesItsYearWhileRelativeDatesNameNone() {
        TextFeatures f = one("Today is 2027-07-08 and next year is near.");
        assertThat(timex(f, "2027-07-08").fromYear()).isEqualTo(2027);
        assertThat(f.temporals()).extracting(Timex::text).contains("Today", "next year");
        assertThat(f.temporals()).filteredOn(t -> !"2027-07-08".equals(t.value()))
                .allSatisfy(t -> assertThat(t.fromYear()).as(t.toString()).isNull());
    }

    @Test
    void twoAnnotatorsInOneProcessAgree() {
        // The year sends this window to SUTime, weekday included: resolved against a document date, "Saturday" got a
        // year that differed between the first scan in a JVM and later ones. Unresolved, it names none.
        String text = "The council met in 1999 and on Saturday it voted to build a library.";
        TextFeatures first = one(text);
        assertThat(first.temporals()).extracting(Timex::text).contains("1999", "Saturday");
        assertThat(first.temporals()).filteredOn(t -> t.text().equals("Saturday"))
                .allSatisfy(t -> assertThat(t.fromYear()).isNull());
        try (CoreNlpAnnotator other = new CoreNlpAnnotator(1)) {
            assertThat(other.annotate(java.util.List.of(text)).get(text)).isEqualTo(first);
        }
    }

    @Test
    void personAndCityAreEntities() {
        TextFeatures f = one("Yesterday Barack Obama flew to Paris for a meeting.");
        assertThat(f.entities()).contains(new Entity("Barack Obama", "PERSON"), new Entity("Paris", "LOCATION"));
    }

    @Test
    void digitStringsKeepLeadingZerosAndDropSeparators() {
        TextFeatures f = one("Your code is 00471902 and 1,024 users joined.");
        assertThat(f.numbers()).contains(new NumberMention("00471902", "00471902", 471902.0),
                new NumberMention("1,024", "1024", 1024.0));
    }

    @Test
    void numberWordsGetTheirValueFromCoreNlp() {
        TextFeatures f = one("There were ninety bottles on the wall.");
        assertThat(f.numbers()).contains(new NumberMention("ninety", null, 90.0));
        assertThat(one("add twenty-one cups and one hundred and five grams").numbers())
                .extracting(NumberMention::value).contains(21.0, 105.0);
    }

    @Test
    void plainTextsAreNotSentToCoreNlp() {
        CoreNlpAnnotator.Stats before = annotator.stats();
        Map<String, TextFeatures> out = annotator.annotate(List.of(
                "how do i make a good cup of tea?", "Add the water and wait a bit.", "What is 12 times 7?"));
        CoreNlpAnnotator.Stats after = annotator.stats();
        assertThat(after.sentToCoreNlp()).isEqualTo(before.sentToCoreNlp());
        assertThat(after.empty() - before.empty()).isEqualTo(2);
        assertThat(after.numbersOnly() - before.numbersOnly()).isEqualTo(1);
        assertThat(out.get("how do i make a good cup of tea?")).isSameAs(TextFeatures.EMPTY);
        assertThat(out.get("What is 12 times 7?").numbers()).extracting(NumberMention::digits)
                .containsExactly("12", "7");
    }

    @Test
    void duplicatesAreAnnotatedOnce() {
        String text = "We met Angela Merkel in Berlin.";
        CoreNlpAnnotator.Stats before = annotator.stats();
        Map<String, TextFeatures> out = annotator.annotate(List.of(text, text, text));
        assertThat(out).containsOnlyKeys(text);
        assertThat(annotator.stats().sentToCoreNlp() - before.sentToCoreNlp()).isEqualTo(1);
    }

    @Test
    void pronounsAreNotPersons() {
        assertThat(one("He lived in Rome during the 1850s.").entities()).extracting(Entity::text)
                .doesNotContain("He").contains("Rome");
    }
}
