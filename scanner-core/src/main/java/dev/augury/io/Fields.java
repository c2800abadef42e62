package dev.augury.io;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads the text fields of a row, with the reason spelled out when a field is missing or of the wrong type. */
final class Fields {
    private Fields() {
    }

    /** A field that must hold non-blank text. */
    static String required(JsonNode row, String field) throws MalformedRowException {
        String text = optional(row, field);
        if (text == null) {
            throw new MalformedRowException("missing field '" + field + "'");
        }
        if (text.isBlank()) {
            throw new MalformedRowException("field '" + field + "' is empty");
        }
        return text;
    }

    /** A field that may be absent or null; when present it must be text (a number is taken as its text). */
    static String optional(JsonNode row, String field) throws MalformedRowException {
        JsonNode value = row.get(field);
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isTextual() || value.isNumber()) {
            return value.asText();
        }
        throw new MalformedRowException("field '" + field + "' is " + describe(value) + ", expected text");
    }

    static boolean present(JsonNode row, String field) {
        JsonNode value = row.get(field);
        return value != null && !value.isNull();
    }

    /** "an object", "a list", ...: for messages that say what was found instead of what was expected. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        switch (node.getNodeType()) {
            case OBJECT: return "an object";
            case ARRAY: return "a list";
            case STRING: return "text";
            case NUMBER: return "a number";
            case BOOLEAN: return "a boolean";
            case NULL: return "null";
            default: return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
