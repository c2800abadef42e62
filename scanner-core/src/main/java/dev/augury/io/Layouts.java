package dev.augury.io;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Chooses the layout of a file from one of its rows (the first that fits any layout), or from the format the
 * user forced. Detection looks only at which fields are present; the layout then checks every row.
 */
final class Layouts {
    /** Common prompt/response field pairs, in order of preference (first match wins). */
    static final List<String[]> COMMON_PAIRS = List.of(
            new String[] {"prompt", "response"},
            new String[] {"prompt", "completion"},
            new String[] {"question", "answer"},
            new String[] {"query", "response"},
            new String[] {"instruction", "output"},
            new String[] {"input", "output"});
    /** Fields that hold a prompt in prompt-only data (instructions with no answers). */
    static final List<String> PROMPT_ONLY_FIELDS = List.of("instruction", "prompt", "question", "query");
    private static final String ALPACA_INSTRUCTION = "instruction";
    private static final String ALPACA_INPUT = "input";
    private static final String ALPACA_OUTPUT = "output";

    private final DatasetFormat format;
    private final String promptField;
    private final String responseField;

    Layouts(ReadOptions options) {
        this.format = options.format();
        this.promptField = blankToNull(options.promptField());
        this.responseField = blankToNull(options.responseField());
    }

    /** The layout this row shows, or null when it fits none (the caller reports the row and tries the next). */
    Layout detect(JsonNode row) {
        switch (format) {
            case CHAT:
                return new ConversationLayout(DatasetFormat.CHAT, ConversationLayout.MESSAGES);
            case SHAREGPT:
                return new ConversationLayout(DatasetFormat.SHAREGPT, ConversationLayout.CONVERSATIONS);
            case ALPACA:
                return alpaca();
            case PAIR:
                return namedPair(row, true);
            case PROMPT_ONLY:
                String prompt = promptField != null ? promptField : firstPresent(row, PROMPT_ONLY_FIELDS);
                return prompt == null ? null : promptOnly(row, prompt);
            case AUTO:
            case CSV:
            default:
                return auto(row);
        }
    }

    /** Why a row that fits no layout was rejected: names what was found and what would be expected. */
    String noLayoutReason(JsonNode row) {
        java.util.List<String> names = new java.util.ArrayList<>();
        row.fieldNames().forEachRemaining(names::add);
        String found = names.isEmpty() ? "no fields" : "fields " + names;
        if (format == DatasetFormat.AUTO || format == DatasetFormat.CSV) {
            if (promptField != null || responseField != null) {
                return found + " do not include the named prompt/response fields";
            }
            return found + " match no known layout (messages, conversations, instruction/output, prompt/response, ...)";
        }
        return found + " do not fit the forced format '" + format.id() + "'";
    }

    private Layout auto(JsonNode row) {
        if (promptField != null || responseField != null) {
            return namedPair(row, false);
        }
        if (isList(row, ConversationLayout.MESSAGES)) {
            return new ConversationLayout(DatasetFormat.CHAT, ConversationLayout.MESSAGES);
        }
        if (isList(row, ConversationLayout.CONVERSATIONS)) {
            return new ConversationLayout(DatasetFormat.SHAREGPT, ConversationLayout.CONVERSATIONS);
        }
        if (row.has(ALPACA_INSTRUCTION) && row.has(ALPACA_OUTPUT)) {
            return alpaca();
        }
        Layout pair = namedPair(row, true);
        if (pair != null) {
            return pair;
        }
        String prompt = firstPresent(row, PROMPT_ONLY_FIELDS);
        return prompt == null ? null : promptOnly(row, prompt);
    }

    private static Layout alpaca() {
        return new FieldsLayout(DatasetFormat.ALPACA, ALPACA_INSTRUCTION, ALPACA_INPUT, ALPACA_OUTPUT);
    }

    /** Alpaca-shaped prompt-only rows keep their input with the instruction. */
    private static Layout promptOnly(JsonNode row, String prompt) {
        String input = prompt.equals(ALPACA_INSTRUCTION) && row.has(ALPACA_INPUT) ? ALPACA_INPUT : null;
        return new FieldsLayout(DatasetFormat.PROMPT_ONLY, prompt, input, null);
    }

    /**
     * The prompt/response pair: the user's names where given, otherwise the first common pair the row has.
     * With only a prompt name and no response in the row, the data is prompt-only.
     */
    private Layout namedPair(JsonNode row, boolean requireResponse) {
        for (String[] pair : COMMON_PAIRS) {
            String prompt = promptField != null ? promptField : pair[0];
            String response = responseField != null ? responseField : pair[1];
            if (row.has(prompt) && row.has(response)) {
                return new FieldsLayout(DatasetFormat.PAIR, prompt, null, response);
            }
        }
        if (!requireResponse && responseField == null && row.has(promptField)) {
            return promptOnly(row, promptField);
        }
        return null;
    }

    private static boolean isList(JsonNode row, String field) {
        JsonNode value = row.get(field);
        return value != null && value.isArray();
    }

    private static String firstPresent(JsonNode row, List<String> fields) {
        for (String field : fields) {
            if (Fields.present(row, field)) {
                return field;
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
