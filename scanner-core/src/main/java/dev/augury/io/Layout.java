package dev.augury.io;

import com.fasterxml.jackson.databind.JsonNode;

/** One dataset layout: how the fields of a parsed row become a conversation. */
interface Layout {
    DatasetFormat format();

    /** The row as a conversation, or a {@link MalformedRowException} saying which field is missing or wrong. */
    Conversation map(JsonNode row) throws MalformedRowException;
}
