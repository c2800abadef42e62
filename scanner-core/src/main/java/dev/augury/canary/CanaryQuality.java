package dev.augury.canary;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How well the canary learned its dataset, measured on rows it did not train on, so that a weak canary is not
 * read as a clean dataset.
 *
 * @param trainRows          rows it was trained on (after sampling)
 * @param heldOutRows        rows it was tested on
 * @param heldOutFit         1 - SSE/SST of its answer-embedding predictions on the held-out rows (SST around the
 *                           training mean answer: 0 = no better than always answering the average)
 * @param retrievalAccuracy  share of held-out rows whose own answer is the closest of {@code candidates} answers
 *                           (its own and others drawn from the dataset) to the prediction
 * @param chanceAccuracy     1 / candidates, what guessing would reach
 * @param candidates         how many answers each prediction was ranked among
 * @param millis             training and evaluation time (for benchmarks and the report's timings; not part of
 *                           {@link #toMap()}, which goes into findings and must be the same on every run)
 */
@JsonPropertyOrder({"trainRows", "heldOutRows", "heldOutFit", "retrievalAccuracy", "chanceAccuracy", "candidates",
        "millis"})
public record CanaryQuality(int trainRows, int heldOutRows, double heldOutFit, double retrievalAccuracy,
                            double chanceAccuracy, int candidates, long millis) {
    /** A canary whose retrieval is no better than this multiple of chance learned too little to trust. */
    public static final double WEAK_RETRIEVAL_OVER_CHANCE = 2.0;

    /** True when the canary learned too little for "no finding" to mean "nothing taught". */
    public boolean weak() {
        return retrievalAccuracy < WEAK_RETRIEVAL_OVER_CHANCE * chanceAccuracy || heldOutFit <= 0;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trainRows", trainRows);
        m.put("heldOutRows", heldOutRows);
        m.put("heldOutFit", heldOutFit);
        m.put("retrievalAccuracy", retrievalAccuracy);
        m.put("chanceAccuracy", chanceAccuracy);
        m.put("candidates", candidates);
        m.put("weak", weak());
        return m;
    }
}
