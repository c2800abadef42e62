package dev.augury.io;

import java.util.Objects;

/** One turn of a conversation: who speaks and the plain text they say (typed parts already flattened). */
public record Turn(Role role, String text) {
    public Turn {
        Objects.requireNonNull(role, "role");
        text = text == null ? "" : text;
    }
}
