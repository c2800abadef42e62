package dev.augury.detect.era;

/**
 * One pair of an era-contrast pack: the same ordinary thing written about in period text and in modern text, for
 * a difference-of-means era direction in embedding space.
 *
 * @param topic  what both sentences are about ("travel", "medicine", ...)
 * @param from   first year of the period the {@code period} sentence is written in
 * @param to     last year of that period
 * @param period a sentence as it would have been written in that period
 * @param modern a sentence about the same thing as it would be written today
 */
public record EraContrastPair(String topic, Integer from, Integer to, String period, String modern) {
    public EraContrastPair {
        if (period == null || period.isBlank() || modern == null || modern.isBlank()) {
            throw new IllegalArgumentException("'period' and 'modern' are required");
        }
        if (from == null || to == null || from > to) {
            throw new IllegalArgumentException("'from' and 'to' are required, with from <= to");
        }
        topic = topic == null ? "" : topic;
    }
}
