package dev.augury.io;

/** The layouts Augury reads. {@link #AUTO} asks the reader to detect the layout from the file's content. */
public enum DatasetFormat {
    AUTO("detect from content"),
    CHAT("JSONL {\"messages\":[{role, content}]}; content a string or a list of typed parts"),
    ALPACA("instruction / input / output, as a JSON array or JSONL"),
    SHAREGPT("{\"conversations\":[{from, value}]}, as a JSON array or JSONL"),
    PAIR("JSON/JSONL with a prompt field and a response field (prompt/response, question/answer, ...)"),
    CSV("CSV with a header naming a prompt and a response column"),
    PROMPT_ONLY("instructions with no answers");

    private final String description;

    DatasetFormat(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
