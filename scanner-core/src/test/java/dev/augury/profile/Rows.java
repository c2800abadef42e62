package dev.augury.profile;

import dev.augury.io.Record;
import dev.augury.io.Role;
import dev.augury.io.Turn;
import java.util.ArrayList;
import java.util.List;

/** Builds records in tests: one prompt/answer pair per row, lines numbered from 1. */
final class Rows {
    private final List<Record> records = new ArrayList<>();

    Rows add(String prompt, String answer) {
        return add(null, prompt, answer);
    }

    Rows add(String system, String prompt, String answer) {
        List<Turn> turns = new ArrayList<>();
        turns.add(new Turn(Role.USER, prompt));
        if (answer != null) {
            turns.add(new Turn(Role.ASSISTANT, answer));
        }
        return addTurns(system, turns);
    }

    Rows addTurns(String system, List<Turn> turns) {
        records.add(new Record(records.size(), "data.jsonl", records.size() + 1, system, turns));
        return this;
    }

    List<Record> records() {
        return List.copyOf(records);
    }

    List<String> prompts() {
        return records.stream().map(Record::prompt).toList();
    }

    List<String> answers() {
        return records.stream().map(Record::response).toList();
    }
}
