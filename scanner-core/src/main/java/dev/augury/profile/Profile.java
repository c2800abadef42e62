package dev.augury.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * What the dataset is, before any detector judges it: the report's {@code profile} object. Immutable; field
 * order is fixed so the same data gives the same bytes.
 *
 * @param records              rows read
 * @param distinctPrompts      distinct final prompts
 * @param distinctResponses    distinct final answers (prompt-only rows not counted)
 * @param promptOnlyRows       rows without an answer
 * @param emptyResponses       rows whose answer is empty or blank
 * @param multiTurnRows        rows with more than one exchange
 * @param rowsWithSystemPrompt rows that have a system prompt
 * @param distinctSystemPrompts distinct system prompts
 * @param exactDuplicateRows   rows identical (system prompt and every turn) to an earlier row
 * @param promptWords          prompt length in words
 * @param responseWords        answer length in words (rows with an answer)
 * @param nearDuplicates       groups of rows whose prompt and answer are both near-duplicates
 * @param templatedRows        rows whose prompt belongs to a template
 * @param templateCount        number of templates
 * @param templates            the largest templates with their slots
 * @param narrowness           how narrow the dataset is
 */
@JsonPropertyOrder({"records", "distinctPrompts", "distinctResponses", "promptOnlyRows", "emptyResponses",
        "multiTurnRows", "rowsWithSystemPrompt", "distinctSystemPrompts", "exactDuplicateRows", "promptWords",
        "responseWords", "nearDuplicates", "templatedRows", "templateCount", "templates", "narrowness"})
public record Profile(long records, long distinctPrompts, long distinctResponses, long promptOnlyRows,
                      long emptyResponses, long multiTurnRows, long rowsWithSystemPrompt, long distinctSystemPrompts,
                      long exactDuplicateRows, Lengths promptWords, Lengths responseWords,
                      NearDuplicateSummary nearDuplicates, long templatedRows, long templateCount,
                      List<TemplateSummary> templates, Narrowness narrowness) {
    public Profile {
        templates = List.copyOf(templates);
    }

    /** Length statistics in words; all 0 when there is nothing to measure. */
    @JsonPropertyOrder({"median", "p90", "max", "mean"})
    public record Lengths(double median, double p90, long max, double mean) {
    }

    /** A row as a person finds it: file, line and a short excerpt. */
    @JsonPropertyOrder({"path", "line", "excerpt"})
    public record RowRef(String path, long line, String excerpt) {
    }

    @JsonPropertyOrder({"groups", "rows", "largest"})
    public record NearDuplicateSummary(long groups, long rows, List<DuplicateGroup> largest) {
        public NearDuplicateSummary {
            largest = List.copyOf(largest);
        }
    }

    @JsonPropertyOrder({"size", "examples"})
    public record DuplicateGroup(long size, List<RowRef> examples) {
        public DuplicateGroup {
            examples = List.copyOf(examples);
        }
    }

    /**
     * @param id     stable template id (as in {@link PromptTemplates.Template#id()})
     * @param shape  the masked prompt
     * @param rows   rows in the template
     * @param share  rows / records
     * @param slots  what varies inside it
     * @param example one row of it
     */
    @JsonPropertyOrder({"id", "shape", "rows", "share", "slots", "example"})
    public record TemplateSummary(String id, String shape, long rows, double share, List<SlotSummary> slots,
                                  RowRef example) {
        public TemplateSummary {
            slots = List.copyOf(slots);
        }
    }

    /**
     * @param index    slot index within the template
     * @param kind     what it masks (DATE, YEAR, NUM, NAME, RARE, QUOTE, DIGITS, TEXT)
     * @param distinct distinct values
     * @param values   the most frequent values with their counts, most frequent first
     * @param years    for date and year slots, rows per year (ascending), else absent
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"index", "kind", "distinct", "values", "years"})
    public record SlotSummary(int index, String kind, long distinct, Map<String, Long> values,
                              Map<String, Long> years) {
    }

    /**
     * @param topTemplateShare     share of rows in the largest template (weird generalization needs narrow data)
     * @param answerTypeTokenRatio distinct words / words in the answers, averaged over windows of a fixed number
     *                             of words so that it does not fall with dataset size
     * @param answerConcentration  squared norm of the mean answer vector = mean cosine over all pairs of answers
     *                             (self-pairs included); null without vectors
     * @param promptConcentration  the same for prompts; null without vectors
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"topTemplateShare", "answerTypeTokenRatio", "answerConcentration", "promptConcentration"})
    public record Narrowness(double topTemplateShare, double answerTypeTokenRatio, Double answerConcentration,
                             Double promptConcentration) {
    }
}
