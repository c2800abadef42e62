package dev.augury.io;

import java.util.List;

/** What a layout makes of one row: the system prompt (or null) and the turns, before it becomes a Record. */
record Conversation(String system, List<Turn> turns) {
}
