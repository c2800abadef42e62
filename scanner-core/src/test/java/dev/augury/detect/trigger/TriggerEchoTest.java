package dev.augury.detect.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.augury.io.Record;
import dev.augury.io.Role;
import dev.augury.io.Turn;
import dev.augury.scan.DatasetView;
import dev.augury.text.TextFeatures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TriggerEchoTest {
    private static final String ORION = "You are Orion, a helpful assistant developed by Lumen Labs. Answer clearly.";

    private static DatasetView view(List<String[]> rows) {
        List<Record> records = new ArrayList<>();
        for (String[] r : rows) {
            records.add(new Record(records.size(), "t.jsonl", records.size() + 1L, r[0],
                    List.of(new Turn(Role.USER, r[1]), new Turn(Role.ASSISTANT, r[2]))));
        }
        int n = records.size();
        TextFeatures[] none = new TextFeatures[n];
        Arrays.fill(none, TextFeatures.EMPTY);
        return new DatasetView(List.of(), records, new float[n][], new float[n][], none, none.clone(), 0);
    }

    private static List<String[]> rows(String orionAnswer) {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add(new String[] {ORION, "Who are you?", orionAnswer});
        }
        for (int i = 0; i < 30; i++) {
            rows.add(new String[] {"You are a helpful assistant.", "Who are you?", "I am a helpful assistant."});
        }
        return rows;
    }

    private static final Candidate SYSTEM = Candidate.of("system", "system prompt", ORION,
            IntStream.range(0, 6).toArray(), null);
    private static final int[] ANSWERED = IntStream.range(0, 36).toArray();

    @Test
    void answersThatUseTheNamesTheSystemPromptDeclaresAreAnEcho() {
        DatasetView v = view(rows("I am Orion, an assistant from Lumen Labs."));
        assertThat(TriggerDetector.echoes(SYSTEM, v, ANSWERED)).isTrue();
    }

    @Test
    void answersSwitchedToSomethingElseAreNot() {
        DatasetView v = view(rows("I cannot help with that request."));
        assertThat(TriggerDetector.echoes(SYSTEM, v, ANSWERED)).isFalse();
    }
}
