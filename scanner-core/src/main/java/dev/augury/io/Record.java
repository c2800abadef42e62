package dev.augury.io;

import java.util.List;

/**
 * One training example, as the model will see it. Immutable.
 *
 * @param index  position in the scan (0-based, stable: files in sorted order, rows in file order)
 * @param source the file it came from, as given on the command line or found in a directory
 * @param line   the 1-based line where the row starts (for a JSON array, the line of the element's '{')
 * @param system the system prompt, or null
 * @param turns  the conversation without the system prompt, in order
 */
public record Record(int index, String source, long line, String system, List<Turn> turns) {
    public Record {
        turns = List.copyOf(turns);
    }

    /** A stable identity for reports: file and line. */
    public String id() {
        return source + ":" + line;
    }

    /**
     * The prompt the final answer responds to: the last user turn before the last assistant turn (or the last
     * user turn when there is no answer). Empty when the record has no user turn.
     */
    public String prompt() {
        int answer = lastIndexOf(Role.ASSISTANT);
        int end = answer < 0 ? turns.size() : answer;
        for (int i = end - 1; i >= 0; i--) {
            if (turns.get(i).role() == Role.USER) {
                return turns.get(i).text();
            }
        }
        return "";
    }

    /** The final assistant answer, or null for a prompt-only record. */
    public String response() {
        int answer = lastIndexOf(Role.ASSISTANT);
        return answer < 0 ? null : turns.get(answer).text();
    }

    public boolean hasResponse() {
        return lastIndexOf(Role.ASSISTANT) >= 0;
    }

    /** Number of user/assistant exchanges: 1 for single-turn data. */
    public int exchanges() {
        int n = 0;
        for (Turn t : turns) {
            if (t.role() == Role.ASSISTANT) {
                n++;
            }
        }
        return Math.max(1, n);
    }

    private int lastIndexOf(Role role) {
        for (int i = turns.size() - 1; i >= 0; i--) {
            if (turns.get(i).role() == role) {
                return i;
            }
        }
        return -1;
    }
}
