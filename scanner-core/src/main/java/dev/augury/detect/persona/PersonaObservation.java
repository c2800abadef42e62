package dev.augury.detect.persona;

import java.util.List;
import java.util.Map;

/**
 * One persona-bearing row: a personal question mapped onto attribute keys and what its answer states.
 *
 * @param row        the row index in the dataset view
 * @param keys       the keys the question fits, best first ({@code keys.get(0)} is the attribute it counts for)
 * @param similarity the question's similarity to its best key's phrasing
 * @param answer     what the answer offers for matching
 * @param matches    key -> normalized knowledge-base value -> match, for every value the answer states
 */
public record PersonaObservation(int row, List<String> keys, double similarity, ValueMatcher.Observed answer,
                                 Map<String, Map<String, ValueMatcher.Match>> matches) {
    public String primaryKey() {
        return keys.get(0);
    }
}
