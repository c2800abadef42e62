package dev.augury.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A row holding a list of turns: chat {@code {"messages":[{role, content}]}} or ShareGPT
 * {@code {"conversations":[{from, value}]}}. Both key styles are accepted in either list, because exports
 * mix them (LLaMA-Factory writes ShareGPT with role/content, and typed parts with "value").
 */
final class ConversationLayout implements Layout {
    static final String MESSAGES = "messages";
    static final String CONVERSATIONS = "conversations";
    /** LLaMA-Factory's ShareGPT puts the system prompt beside the list, not inside it. */
    private static final String SYSTEM_FIELD = "system";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DatasetFormat format;
    private final String listField;

    ConversationLayout(DatasetFormat format, String listField) {
        this.format = format;
        this.listField = listField;
    }

    @Override
    public DatasetFormat format() {
        return format;
    }

    @Override
    public Conversation map(JsonNode row) throws MalformedRowException {
        JsonNode list = row.get(listField);
        if (list == null || list.isNull()) {
            throw new MalformedRowException("missing field '" + listField + "'");
        }
        if (!list.isArray()) {
            throw new MalformedRowException("field '" + listField + "' is " + Fields.describe(list)
                    + ", expected a list of turns");
        }
        if (list.isEmpty()) {
            throw new MalformedRowException("field '" + listField + "' is empty");
        }
        String system = Fields.optional(row, SYSTEM_FIELD);
        if (system != null && system.isBlank()) {
            system = null;
        }
        List<Turn> turns = new ArrayList<>(list.size());
        boolean hasUserText = false;
        for (int i = 0; i < list.size(); i++) {
            JsonNode message = list.get(i);
            String where = listField + "[" + i + "]";
            if (!message.isObject()) {
                throw new MalformedRowException(where + " is " + Fields.describe(message) + ", expected an object");
            }
            Role role = role(message, where);
            String text = text(message, where);
            if (role == Role.SYSTEM && turns.isEmpty() && system == null) {
                system = text;
                continue;
            }
            hasUserText |= role == Role.USER && !text.isBlank();
            turns.add(new Turn(role, text));
        }
        if (!hasUserText) {
            throw new MalformedRowException("field '" + listField + "' has no user turn with text");
        }
        return new Conversation(system, turns);
    }

    private static Role role(JsonNode message, String where) throws MalformedRowException {
        JsonNode name = message.has("role") ? message.get("role") : message.get("from");
        if (name == null || name.isNull()) {
            throw new MalformedRowException(where + " has no 'role' (or 'from')");
        }
        if (!name.isTextual()) {
            throw new MalformedRowException(where + " has a role that is " + Fields.describe(name) + ", expected text");
        }
        Role role = Role.parse(name.asText());
        if (role == null) {
            throw new MalformedRowException(where + " has an unknown role '" + name.asText() + "'");
        }
        return role;
    }

    private static String text(JsonNode message, String where) throws MalformedRowException {
        JsonNode content = message.has("content") ? message.get("content") : message.get("value");
        if (content == null || content.isNull()) {
            // An assistant turn that only calls a tool (OpenAI style) has no content; its call is what it says.
            JsonNode call = message.has("tool_calls") ? message.get("tool_calls") : message.get("function_call");
            if (call != null && !call.isNull()) {
                return compact(call);
            }
            throw new MalformedRowException(where + " has no 'content' (or 'value')");
        }
        if (content.isTextual() || content.isNumber()) {
            return content.asText();
        }
        if (content.isArray()) {
            return flattenParts(content, where);
        }
        throw new MalformedRowException(where + " has content that is " + Fields.describe(content)
                + ", expected text or a list of parts");
    }

    /** Typed parts: text parts are joined by newlines; other parts are marked by their type, e.g. "[image]". */
    private static String flattenParts(JsonNode parts, String where) throws MalformedRowException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            JsonNode part = parts.get(i);
            String piece;
            if (part.isTextual()) {
                piece = part.asText();
            } else if (part.isObject()) {
                String type = part.path("type").asText("text");
                if (type.equals("text") || type.equals("input_text") || type.equals("output_text")) {
                    piece = partText(part, where + ".content[" + i + "]");
                } else {
                    piece = "[" + mediaName(type) + "]";
                }
            } else {
                throw new MalformedRowException(where + ".content[" + i + "] is " + Fields.describe(part)
                        + ", expected a typed part");
            }
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(piece);
        }
        return text.toString();
    }

    private static String partText(JsonNode part, String where) throws MalformedRowException {
        for (String key : new String[] {"text", "value", "content"}) {
            JsonNode value = part.get(key);
            if (value != null && value.isTextual()) {
                return value.asText();
            }
        }
        throw new MalformedRowException(where + " is a text part with no 'text'");
    }

    /** "image_url" and "input_audio" name the same media as "image" and "audio". */
    private static String mediaName(String type) {
        String name = type.toLowerCase(Locale.ROOT);
        if (name.endsWith("_url")) {
            name = name.substring(0, name.length() - "_url".length());
        }
        if (name.startsWith("input_")) {
            name = name.substring("input_".length());
        }
        return name;
    }

    private static String compact(JsonNode node) throws MalformedRowException {
        try {
            return JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MalformedRowException("tool call cannot be written as JSON: " + e.getOriginalMessage());
        }
    }
}
