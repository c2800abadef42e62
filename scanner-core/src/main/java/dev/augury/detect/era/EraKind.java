package dev.augury.detect.era;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What an era term names; a detector may weigh kinds differently (a species name is stronger than a word form). */
public enum EraKind {
    @JsonProperty("species") SPECIES,
    @JsonProperty("place") PLACE,
    @JsonProperty("polity") POLITY,
    @JsonProperty("institution") INSTITUTION,
    @JsonProperty("title") TITLE,
    @JsonProperty("technology") TECHNOLOGY,
    @JsonProperty("currency") CURRENCY,
    @JsonProperty("unit") UNIT,
    @JsonProperty("spelling") SPELLING,
    @JsonProperty("word") WORD,
    @JsonProperty("occupation") OCCUPATION,
    @JsonProperty("event") EVENT,
    @JsonProperty("product") PRODUCT,
    @JsonProperty("other") OTHER;

    /**
     * Whether a near miss (edit distance 1) of a long term of this kind is worth reporting. Only proper names:
     * a spelling or word form is by definition one letter away from the modern word ("despatch"/"dispatch"),
     * and common nouns have common neighbours ("phonograph"/"photograph").
     */
    public boolean allowsFuzzy() {
        return switch (this) {
            case SPECIES, PLACE, POLITY, INSTITUTION, EVENT -> true;
            default -> false;
        };
    }

    /**
     * Whether a capitalized name of this kind only counts when written capitalized: "Bône" is a place, "bones" are
     * not; "Flushing" is a port, "flushing" a verb. Species names are written in either case and stay exempt.
     */
    public boolean isProperName() {
        return this == PLACE || this == POLITY || this == INSTITUTION;
    }
}
