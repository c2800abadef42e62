package dev.augury.io;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A row whose prompt and response are named fields: Alpaca (instruction, input, output, with optional system
 * and history), any prompt/response pair, and prompt-only rows (no response field). Also used for CSV rows.
 */
final class FieldsLayout implements Layout {
    private static final String SYSTEM_FIELD = "system";
    private static final String HISTORY_FIELD = "history";
    /** Alpaca's own rule for joining the instruction and its input. */
    private static final String INPUT_SEPARATOR = "\n\n";

    private final DatasetFormat format;
    private final String promptField;
    private final String inputField;
    private final String responseField;

    /**
     * @param inputField    appended to the prompt when non-empty (Alpaca's "input"), or null
     * @param responseField the answer, or null for prompt-only data
     */
    FieldsLayout(DatasetFormat format, String promptField, String inputField, String responseField) {
        this.format = format;
        this.promptField = promptField;
        this.inputField = inputField;
        this.responseField = responseField;
    }

    @Override
    public DatasetFormat format() {
        return format;
    }

    String promptField() {
        return promptField;
    }

    String responseField() {
        return responseField;
    }

    @Override
    public Conversation map(JsonNode row) throws MalformedRowException {
        String prompt = Fields.required(row, promptField);
        String input = inputField == null ? null : Fields.optional(row, inputField);
        if (input != null && !input.isBlank()) {
            prompt = prompt + INPUT_SEPARATOR + input;
        }
        String response = responseField == null ? null : Fields.required(row, responseField);
        String system = Fields.optional(row, SYSTEM_FIELD);
        List<Turn> turns = new ArrayList<>(2);
        history(row, turns);
        turns.add(new Turn(Role.USER, prompt));
        if (response != null) {
            turns.add(new Turn(Role.ASSISTANT, response));
        }
        return new Conversation(system == null || system.isBlank() ? null : system, turns);
    }

    /** Alpaca's earlier exchanges, [[question, answer], ...], come before the final prompt. */
    private static void history(JsonNode row, List<Turn> turns) throws MalformedRowException {
        JsonNode history = row.get(HISTORY_FIELD);
        if (history == null || history.isNull() || (history.isTextual() && history.asText().isBlank())) {
            return;
        }
        if (!history.isArray()) {
            throw new MalformedRowException("field 'history' is " + Fields.describe(history)
                    + ", expected a list of [question, answer] pairs");
        }
        for (int i = 0; i < history.size(); i++) {
            JsonNode pair = history.get(i);
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual() || !pair.get(1).isTextual()) {
                throw new MalformedRowException("history[" + i + "] is not a [question, answer] pair of texts");
            }
            turns.add(new Turn(Role.USER, pair.get(0).asText()));
            turns.add(new Turn(Role.ASSISTANT, pair.get(1).asText()));
        }
    }
}
