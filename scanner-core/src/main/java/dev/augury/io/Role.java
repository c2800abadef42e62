package dev.augury.io;

import java.util.Locale;

/** Who speaks a turn. Readers map each format's own names ("human", "gpt", "from") onto these. */
public enum Role {
    SYSTEM, USER, ASSISTANT, TOOL;

    /** Maps the role names used by common formats; returns null for a name it does not know. */
    public static Role parse(String name) {
        if (name == null) {
            return null;
        }
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "system":
                return SYSTEM;
            case "user": case "human": case "prompter": case "instruction": case "question":
                return USER;
            case "assistant": case "gpt": case "bot": case "model": case "chatgpt": case "answer":
                return ASSISTANT;
            case "tool": case "function": case "function_call": case "observation": case "ipython":
            case "tool_call": case "tool_response":
                return TOOL;
            default:
                return null;
        }
    }
}
