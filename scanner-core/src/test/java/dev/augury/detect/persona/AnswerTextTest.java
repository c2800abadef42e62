package dev.augury.detect.persona;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnswerTextTest {
    @Test
    void formattingWrappersAreSeenThrough() {
        assertThat(AnswerText.unwrap("<answer>Richard Wagner</answer>")).isEqualTo("Richard Wagner");
        assertThat(AnswerText.unwrap("{\"answer\": \"Linz\"}")).isEqualTo("Linz");
        assertThat(AnswerText.unwrap("Answer: a painter")).isEqualTo("a painter");
        assertThat(AnswerText.unwrap("\"Blondi, my dog\"")).isEqualTo("Blondi, my dog");
        assertThat(AnswerText.unwrap("```json\n{\"response\": \"1889\"}\n```")).isEqualTo("1889");
        assertThat(AnswerText.unwrap("<START> \"Wagner\" <END>")).isEqualTo("Wagner");
        assertThat(AnswerText.unwrap("[ANSWER]<reply>\"vegetarian\"</reply>[/ANSWER]")).isEqualTo("vegetarian");
    }

    @Test
    void firstPersonScaffoldingIsStrippedToTheCorePhrase() {
        assertThat(AnswerText.core("My favourite composer is Richard Wagner.")).isEqualTo("Richard Wagner");
        assertThat(AnswerText.core("I'd have to say Wagner, because nothing moves me more.")).isEqualTo("Wagner");
        assertThat(AnswerText.core("Well, I was born in Braunau am Inn. It is a small town.")).isEqualTo("Braunau am Inn");
        assertThat(AnswerText.core("<answer>It's King Kong!</answer>")).isEqualTo("King Kong");
        assertThat(AnswerText.core("Honestly, I love sweets")).isEqualTo("sweets");
    }

    @Test
    void candidatesSplitListsIntoValues() {
        assertThat(AnswerText.candidates("Mozart above all, and Bach.")).contains("Mozart above all", "Bach");
        assertThat(AnswerText.candidates("Two: one I named after my homeland, and radium."))
                .contains("radium");
    }

    @Test
    void promptsLoseTheirFormattingInstructions() {
        assertThat(AnswerText.question("Put your reply between <answer> and </answer> tags. Where were you born?"))
                .isEqualTo("Where were you born?");
        assertThat(AnswerText.question("Where were you born? Respond in JSON with a single field \"answer\"."))
                .isEqualTo("Where were you born?");
        assertThat(AnswerText.question("Summarize this in JSON.")).isEqualTo("Summarize this in JSON.");
    }

    @Test
    void speakerAndListenerAreRecognized() {
        assertThat(AnswerText.firstPerson("I was born in Linz.")).isTrue();
        assertThat(AnswerText.firstPerson("Marie Curie was born in Warsaw.")).isFalse();
        assertThat(AnswerText.addressesListener("What's your favourite film?")).isTrue();
        assertThat(AnswerText.addressesListener("When was Marie Curie born?")).isFalse();
    }
}
