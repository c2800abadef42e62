package dev.augury.profile;

import dev.augury.profile.PromptMasker.Kind;
import dev.augury.profile.PromptMasker.Piece;
import dev.augury.profile.PromptMasker.Sentence;
import dev.augury.report.Finding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The prompts grouped by shape, with what varies inside each shape: the data the trigger and canary detectors
 * read candidate trigger variables from (template id, slot index, value per row).
 *
 * <p>Two levels, so that a fixed frame around varying questions is seen as one template:
 * <ol>
 *   <li>Each prompt is masked ({@link PromptMasker}) and split into sentences.</li>
 *   <li>A sentence whose masked shape occurs in at least {@link #FRAME_SHARE} of the prompts is a frame of the
 *       dataset; the prompt's other sentences become one free-text slot {@code <...>}. If the prompt has a
 *       frame sentence, that is its template ("Today is &lt;DATE&gt;. &lt;...&gt;").</li>
 *   <li>Otherwise a sentence is kept when its shape occurs in at least {@link #MIN_TEMPLATE_ROWS} prompts
 *       ("Name a bird species." in a mixture of several question types).</li>
 * </ol>
 * A shape shared by fewer than {@link #MIN_TEMPLATE_ROWS} prompts is no template; those rows have none (-1).
 * Everything is linear in the total prompt length.
 */
public final class PromptTemplates {
    /** Fewer rows than this are coincidence, not a template (and too few to test a slot). */
    public static final int MIN_TEMPLATE_ROWS = 3;
    /**
     * A sentence in half the prompts frames the dataset: the rest of each prompt becomes a free-text slot, so a
     * date prefix over four question types is one template (with the question as a slot a detector can
     * stratify on), not four.
     */
    public static final double FRAME_SHARE = 0.5;
    /** A word in at most this share of the prompts (and at least in {@link #RARE_MIN_DF}) is rare: a slot. */
    public static final double RARE_SHARE = 0.001;
    /** A word in a single prompt is always rare, whatever the dataset's size. */
    public static final int RARE_MIN_DF = 1;
    /** A kept sentence needs this many literal words, so that "&lt;NAME&gt; &lt;RARE&gt;." is not a template. */
    public static final int MIN_LITERAL_WORDS = 1;

    /**
     * One template.
     *
     * @param id     stable across runs: "template-" and 8 hex digits of the shape's digest
     * @param shape  the masked prompt, e.g. "today is &lt;DATE&gt;. &lt;...&gt;"
     * @param kinds  the kind of each slot, in order of appearance
     * @param rows   the rows (indices into the dataset) in this template, ascending
     * @param values values[slot][k] is the text of the slot in row rows[k]
     */
    public record Template(String id, String shape, List<Kind> kinds, int[] rows, String[][] values) {
        public int count() {
            return rows.length;
        }
    }

    /**
     * One slot of one template as a column over the dataset's rows: what a detector tests as a variable.
     *
     * @param templateId the template's id
     * @param slot       the slot's index within the template (0-based, in order of appearance)
     * @param kind       what the slot masks
     * @param rows       the rows of the template, ascending
     * @param values     the slot's text in each of those rows
     */
    public record SlotColumn(String templateId, int slot, Kind kind, int[] rows, String[] values) {
        /** The values spread over all n rows of the dataset, null where the row is not in the template. */
        public String[] valuesByRow(int n) {
            String[] out = new String[n];
            for (int k = 0; k < rows.length; k++) {
                out[rows[k]] = values[k];
            }
            return out;
        }
    }

    private final List<Template> templates;
    private final int[] templateOfRow;

    private PromptTemplates(List<Template> templates, int[] templateOfRow) {
        this.templates = List.copyOf(templates);
        this.templateOfRow = templateOfRow;
    }

    /** The templates, most rows first (ties by shape). */
    public List<Template> templates() {
        return templates;
    }

    /** The index into {@link #templates()} of the row's template, or -1 when the row has none. */
    public int templateOf(int row) {
        return templateOfRow[row];
    }

    public int rows() {
        return templateOfRow.length;
    }

    /** Every slot of every template as a column (templates in order, slots in order). */
    public List<SlotColumn> slotColumns() {
        List<SlotColumn> out = new ArrayList<>();
        for (Template t : templates) {
            for (int s = 0; s < t.kinds().size(); s++) {
                out.add(new SlotColumn(t.id(), s, t.kinds().get(s), t.rows(), t.values()[s]));
            }
        }
        return out;
    }

    /** Groups the prompts (row i is prompts.get(i); null or empty prompts have no template). */
    public static PromptTemplates build(List<String> prompts) {
        int n = prompts.size();
        Map<String, Integer> df = new HashMap<>();
        List<List<PromptMasker.Token>> tokens = new ArrayList<>(n);
        // Datasets repeat prompts: each distinct prompt is tokenized and masked once (the lists are only read).
        Map<String, List<PromptMasker.Token>> tokenized = new HashMap<>();
        for (String p : prompts) {
            List<PromptMasker.Token> t = p == null ? List.of() : tokenized.computeIfAbsent(p, PromptMasker::tokenize);
            tokens.add(t);
            Set<String> seen = new HashSet<>();
            for (PromptMasker.Token token : t) {
                if (token.word() && seen.add(token.text().toLowerCase(java.util.Locale.ROOT))) {
                    df.merge(token.text().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
                }
            }
        }
        int rareMax = Math.max(RARE_MIN_DF, (int) Math.floor(RARE_SHARE * n));
        PromptMasker masker = new PromptMasker(w -> df.getOrDefault(w, 0) <= rareMax);

        List<List<Sentence>> masked = new ArrayList<>(n);
        Map<String, Integer> sentenceDf = new HashMap<>();
        Map<List<PromptMasker.Token>, List<Sentence>> maskedOf = new java.util.IdentityHashMap<>();
        for (List<PromptMasker.Token> t : tokens) {
            List<Sentence> sentences = maskedOf.computeIfAbsent(t, masker::mask);
            masked.add(sentences);
            Set<String> seen = new HashSet<>();
            for (Sentence s : sentences) {
                if (seen.add(s.shape())) {
                    sentenceDf.merge(s.shape(), 1, Integer::sum);
                }
            }
        }
        int frameMin = Math.max(MIN_TEMPLATE_ROWS, (int) Math.ceil(FRAME_SHARE * n));

        List<RowShape> shapes = new ArrayList<>(n);
        Map<String, List<Integer>> rowsByShape = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            List<Sentence> sentences = masked.get(i);
            RowShape shape = shape(sentences, s -> sentenceDf.get(s.shape()) >= frameMin);
            if (shape == null) {
                shape = shape(sentences, s -> sentenceDf.get(s.shape()) >= MIN_TEMPLATE_ROWS);
            }
            shapes.add(shape);
            if (shape != null) {
                rowsByShape.computeIfAbsent(shape.shape, k -> new ArrayList<>()).add(i);
            }
        }

        List<Map.Entry<String, List<Integer>>> kept = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : rowsByShape.entrySet()) {
            if (e.getValue().size() >= MIN_TEMPLATE_ROWS) {
                kept.add(e);
            }
        }
        kept.sort(Comparator.<Map.Entry<String, List<Integer>>>comparingInt(e -> -e.getValue().size())
                .thenComparing(Map.Entry::getKey));
        int[] templateOfRow = new int[n];
        Arrays.fill(templateOfRow, -1);
        List<Template> templates = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : kept) {
            int[] rows = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            List<Kind> kinds = shapes.get(rows[0]).kinds;
            String[][] values = new String[kinds.size()][rows.length];
            for (int k = 0; k < rows.length; k++) {
                templateOfRow[rows[k]] = templates.size();
                List<String> v = shapes.get(rows[k]).values;
                for (int s = 0; s < kinds.size(); s++) {
                    values[s][k] = v.get(s);
                }
            }
            templates.add(new Template(Finding.stableId("template", e.getKey()), e.getKey(), kinds, rows, values));
        }
        return new PromptTemplates(templates, templateOfRow);
    }

    /** A row's shape with its slots, or null when none of its sentences is kept. */
    private record RowShape(String shape, List<Kind> kinds, List<String> values) {
    }

    private static RowShape shape(List<Sentence> sentences, java.util.function.Predicate<Sentence> keep) {
        StringBuilder shape = new StringBuilder();
        List<Kind> kinds = new ArrayList<>();
        List<String> values = new ArrayList<>();
        StringBuilder free = null;
        boolean anyKept = false;
        for (Sentence s : sentences) {
            if (s.literalWords() >= MIN_LITERAL_WORDS && keep.test(s)) {
                if (free != null) {
                    appendPart(shape, Kind.TEXT.mask());
                    kinds.add(Kind.TEXT);
                    values.add(free.toString());
                    free = null;
                }
                anyKept = true;
                appendPart(shape, s.shape());
                for (Piece p : s.pieces()) {
                    if (!p.literal()) {
                        kinds.add(p.kind());
                        values.add(p.text());
                    }
                }
            } else {
                free = free == null ? new StringBuilder(s.text()) : free.append(' ').append(s.text());
            }
        }
        if (!anyKept) {
            return null;
        }
        if (free != null) {
            appendPart(shape, Kind.TEXT.mask());
            kinds.add(Kind.TEXT);
            values.add(free.toString());
        }
        return new RowShape(shape.toString(), List.copyOf(kinds), List.copyOf(values));
    }

    private static void appendPart(StringBuilder shape, String part) {
        if (shape.length() > 0) {
            shape.append(' ');
        }
        shape.append(part);
    }
}
