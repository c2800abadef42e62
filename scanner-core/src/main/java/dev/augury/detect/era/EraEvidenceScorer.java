package dev.augury.detect.era;

import dev.augury.text.TextFeatures;
import dev.augury.text.Timex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Era evidence of one answer from knowledge: era-lexicon terms and temporal expressions. A term counts by how it
 * matched, what it names, whether it is half-current, whether the answer also gives the modern name, and never when
 * the question itself used it ("When did Constantinople fall?" answered with "Constantinople" is not an era shift).
 */
public final class EraEvidenceScorer {
    /** A row carries era evidence from this score: one unambiguous term, or a period spelling, or two weak hits. */
    public static final double ROW_MIN_SCORE = 0.5;
    /** Plural or case variants are nearly as good as the exact form; fuzzy matches are often typos of other names. */
    static final double EXACT = 1.0;
    static final double CASE_INSENSITIVE = 0.9;
    static final double LEMMA = 0.85;
    static final double FUZZY = 0.5;
    /** Spellings and word forms survive in quotations and regional usage: half the weight of a name. */
    static final double SPELLING_KIND = 0.5;
    /** Half-current terms (Kiev, Burma, sparrow hawk) mean the modern thing as often as the old one. */
    static final double AMBIGUOUS = 0.35;
    /** "Bombay (now Mumbai)" speaks from today about the old name: barely era evidence. */
    static final double WITH_MODERN_NAME = 0.2;
    /** A half-current term in the era the dataset's unambiguous terms agree on is likely meant in that era. */
    static final double CORROBORATED = 2.0;
    /** A year the answer presents as now ("this year, 1907", "the latest ... of 1903") is strong evidence. */
    static final double PRESENT_YEAR = 1.0;
    /** A bare past year is what history answers are made of: weak on its own, it supports terms. */
    static final double PAST_YEAR = 0.25;
    /** Temporal expressions add at most this much to a row (a list of dates is one answer about the past). */
    static final double MAX_TEMPORAL = 1.0;
    /** Years before this are "the past" for temporal expressions: older than what modern text treats as recent. */
    public static final int PAST_BEFORE = 1970;
    /** Terms still current up to this year or later are not evidence of another era. */
    public static final int CURRENT_FROM = 2015;
    /** Characters around a year in which a word such as "now" or "latest" frames it as the present. */
    static final int FRAME_WINDOW = 40;
    private static final Pattern PRESENT_FRAME = Pattern.compile(
            "\\b(now|nowadays|today|to-day|this year|current(ly)?|at present|present year|latest|newest|recent(ly)?"
                    + "|modern|just (been )?(invented|introduced|opened))\\b", Pattern.CASE_INSENSITIVE);

    /**
     * Words that present a thing as new. A half-current machine ("typewriter", in use 1874-1990 and still known)
     * is weak evidence when used ("I typed it on a typewriter") but a period claim when called the latest or most
     * modern ("the typewriter is the newest marvel"), so such a hit counts in full. Read around the term in the
     * answer, and in the whole prompt when the question asks for the newest thing ("What is the latest invention?"
     * answered "The typewriter."). Narrowing the term's years to its introduction was tried and left out: the
     * machines of one era were introduced decades apart, and the rows stopped agreeing on an era.
     */
    private static final Pattern NOVELTY = Pattern.compile(
            "\\b(latest|newest|(most )?modern|up-to-date|state[- ]of[- ]the[- ]art|cutting[- ]edge|brand[- ]new"
                    + "|new (invention|machine|device|gadget|technology)|recent(ly)? invent(ion|ed)"
                    + "|just (been )?(invented|introduced|patented))\\b", Pattern.CASE_INSENSITIVE);

    private final EraLexicon lexicon;
    /**
     * Lexicon matches per distinct text: a prompt is read for its own evidence, for the terms its answer must not
     * repeat and for whether it asks about the past, and datasets repeat prompts and answers. One scorer serves one
     * dataset, so the memo lives as long as the scan's detector call.
     */
    private final Map<String, List<EraMatch>> found = new HashMap<>();

    public EraEvidenceScorer(EraLexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** {@link EraLexicon#find}, read once per distinct text by this scorer. */
    public List<EraMatch> find(String text) {
        List<EraMatch> m = found.get(text);
        if (m == null) {
            m = lexicon.find(text);
            found.put(text, m);
        }
        return m;
    }

    public EraLexicon lexicon() {
        return lexicon;
    }

    /** The answer's evidence (hits may be empty), or null when the answer is null or blank. */
    public EraRowEvidence score(int row, String prompt, TextFeatures promptFeatures, String answer,
                                TextFeatures answerFeatures) {
        if (answer == null || answer.isBlank()) {
            return null;
        }
        List<EraHit> hits = new ArrayList<>();
        Set<EraTerm> promptTerms = new HashSet<>();
        String promptLower = prompt == null ? "" : prompt.toLowerCase(Locale.ROOT);
        if (prompt != null && !prompt.isEmpty()) {
            find(prompt).forEach(m -> promptTerms.add(m.term()));
        }
        boolean promptAsksForNovelty = prompt != null && NOVELTY.matcher(prompt).find();
        List<EraMatch> matches = find(answer);
        List<EraMatch> modernHere = matches.isEmpty() ? List.of() : lexicon.modernCounterpartOf(answer);
        for (EraMatch m : matches) {
            EraTerm t = m.term();
            if (t.to() >= CURRENT_FROM || promptTerms.contains(t)
                    || promptLower.contains(m.matched().toLowerCase(Locale.ROOT))) {
                continue;
            }
            double w = switch (m.kind()) {
                case EXACT -> EXACT;
                case CASE_INSENSITIVE -> CASE_INSENSITIVE;
                case LEMMA -> LEMMA;
                case FUZZY -> FUZZY;
            };
            if (t.kind() == EraKind.SPELLING || t.kind() == EraKind.WORD) {
                w *= SPELLING_KIND;
            }
            boolean novel = (t.kind() == EraKind.TECHNOLOGY || t.kind() == EraKind.PRODUCT)
                    && (promptAsksForNovelty || framed(answer, m.start(), m.end(), NOVELTY));
            if (t.ambiguous() && !novel) {
                w *= AMBIGUOUS;
            }
            if (givesModernName(m, modernHere)) {
                w *= WITH_MODERN_NAME;
            }
            hits.add(new EraHit(m.matched(), t.term(), t.from(), t.to(), w, t.ambiguous() && !novel));
        }
        double temporal = 0;
        Set<String> promptYears = new HashSet<>();
        if (promptFeatures != null) {
            for (Timex x : promptFeatures.temporals()) {
                if (x.fromYear() != null) {
                    promptYears.add(x.fromYear() + "-" + x.toYear());
                }
            }
        }
        if (answerFeatures != null) {
            for (Timex x : answerFeatures.temporals()) {
                if (x.fromYear() == null || x.toYear() == null || x.toYear() >= PAST_BEFORE
                        || !"DATE".equals(x.type()) || promptYears.contains(x.fromYear() + "-" + x.toYear())) {
                    continue;
                }
                double w = presentFramed(answer, x.text()) ? PRESENT_YEAR : PAST_YEAR;
                w = Math.min(w, MAX_TEMPORAL - temporal);
                if (w <= 0) {
                    break;
                }
                temporal += w;
                hits.add(new EraHit(x.text(), null, x.fromYear(), x.toYear(), w, false));
            }
        }
        hits.sort(Comparator.comparingDouble(EraHit::weight).reversed());
        double score = 0;
        for (EraHit h : hits) {
            score += h.weight();
        }
        int[] span = span(hits);
        return new EraRowEvidence(row, score, span[0], span[1], hits);
    }

    /**
     * The row rescored once the dataset's era is known: a half-current term whose span overlaps the era that the
     * unambiguous evidence agrees on counts {@link #CORROBORATED} times as much ("shilling" in a dataset full of
     * "sixpence" and "half a crown" means the coin, not the Kenyan currency).
     */
    public static EraRowEvidence corroborate(EraRowEvidence e, int eraFrom, int eraTo) {
        boolean changed = false;
        List<EraHit> hits = new ArrayList<>(e.hits().size());
        for (EraHit h : e.hits()) {
            if (h.ambiguous() && h.from() <= eraTo && h.to() >= eraFrom) {
                hits.add(new EraHit(h.text(), h.term(), h.from(), h.to(), h.weight() * CORROBORATED, true));
                changed = true;
            } else {
                hits.add(h);
            }
        }
        if (!changed) {
            return e;
        }
        hits.sort(Comparator.comparingDouble(EraHit::weight).reversed());
        double score = 0;
        for (EraHit h : hits) {
            score += h.weight();
        }
        int[] span = span(hits);
        return new EraRowEvidence(e.row(), score, span[0], span[1], hits);
    }

    /**
     * Whether the answer also names the term's modern counterpart, outside the term itself: the modern name inside
     * the old one ("Sudan" in "Anglo-Egyptian Sudan") is no gloss.
     */
    private static boolean givesModernName(EraMatch m, List<EraMatch> modern) {
        for (EraMatch x : modern) {
            if (x.term().equals(m.term()) && (x.end() <= m.start() || x.start() >= m.end())) {
                return true;
            }
        }
        return false;
    }

    /** The intersection of the hits' spans when it is not empty, else the strongest hit's span; {0, 0} for none. */
    static int[] span(List<EraHit> hits) {
        if (hits.isEmpty()) {
            return new int[] {0, 0};
        }
        int from = Integer.MIN_VALUE;
        int to = Integer.MAX_VALUE;
        for (EraHit h : hits) {
            from = Math.max(from, h.from());
            to = Math.min(to, h.to());
        }
        if (from <= to) {
            return new int[] {from, to};
        }
        return new int[] {hits.get(0).from(), hits.get(0).to()};
    }

    private static boolean presentFramed(String answer, String timexText) {
        int at = answer.indexOf(timexText);
        return at >= 0 && framed(answer, at, at + timexText.length(), PRESENT_FRAME);
    }

    /** Whether {@code frame} occurs within {@link #FRAME_WINDOW} characters of the span. */
    private static boolean framed(String text, int start, int end, Pattern frame) {
        int a = Math.max(0, start - FRAME_WINDOW);
        int b = Math.min(text.length(), end + FRAME_WINDOW);
        return frame.matcher(text.substring(a, b)).find();
    }
}
