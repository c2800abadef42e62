package dev.augury.detect.era;

import java.util.List;

/**
 * The era evidence of one answer.
 *
 * @param row   the row index in the dataset view
 * @param score sum of the hits' weights
 * @param from  first year of the row's era (the intersection of its hits' spans when they share years, else the
 *              strongest hit's)
 * @param to    last year
 * @param hits  what was found, strongest first
 */
public record EraRowEvidence(int row, double score, int from, int to, List<EraHit> hits) {
    public EraRowEvidence {
        hits = List.copyOf(hits);
    }

    /** "Danzig (1300-1945), 1907" for an evidence note. */
    public String note() {
        StringBuilder sb = new StringBuilder();
        for (EraHit h : hits) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(h.text());
            if (h.term() != null && !h.term().equalsIgnoreCase(h.text())) {
                sb.append(" [").append(h.term()).append(']');
            }
            sb.append(" (").append(h.from()).append('-').append(h.to()).append(')');
        }
        return sb.toString();
    }
}
