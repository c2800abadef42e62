package dev.augury.detect.era;

import dev.augury.profile.PromptTemplates;
import dev.augury.text.TextFeatures;
import dev.augury.text.Timex;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which prompts ask about the past. An answer from the past to a question about the past is history, not an era
 * shift; only answers that speak from another era where the question did not ask for one count.
 */
public final class PastQuestions {
    /** Words by which a question asks about history, a former state or an earlier time. */
    private static final Pattern PAST_CUE = Pattern.compile(
            "\\b(histor(y|ic|ical|ically|ian|ians)|ancient|medieval|middle ages|centur(y|ies)|in the past|used to"
                    + "|formerly|former|old days|back then|back in|olden|was called|were called|used to be called"
                    + "|originally|colonial|victorian|edwardian|georgian era|dynast(y|ies)|empires?|wars?|invented"
                    + "|inventors?|who (was|were)|when (was|were|did)|what year|period|eras?|ago|old name|obsolete"
                    + "|significance of"
                    + "|archaic|antique|vintage|retro|old-fashioned|old fashioned|traditional(ly)?|heritage"
                    + "|in the (\\d{4}s|\\d{2}s)|decades?|grand(mother|father|parents)|revolution|reign|king|queen"
                    + "|emperor|pharaoh|biography|born|died|founded|first (ever )?(to|person|woman|man))\\b",
            Pattern.CASE_INSENSITIVE);
    /**
     * A question in the past tense asks what happened ("What was the Peace of Westphalia?", "Why was the launch of
     * Sputnik important?"), unless it asks the listener about their own doings ("What did you pay?") or is anchored
     * in the present ({@link #PRESENT_ANCHOR}).
     */
    private static final Pattern PAST_TENSE = Pattern.compile(
            "\\b((what|why|how|where) (was|were|did)(?! (you|your|i|we|my|our)\\b)|what happened)\\b",
            Pattern.CASE_INSENSITIVE);
    /**
     * Words that place a question in the asker's present ("What was the weather like this morning?", "How did the
     * market do today?"): with them, a past tense asks about now, not about history.
     */
    private static final Pattern PRESENT_ANCHOR = Pattern.compile(
            "\\b(today|tonight|this (morning|afternoon|evening|week|month|year)|nowadays|these days|right now"
                    + "|currently|at the moment|at present|lately|so far this)\\b", Pattern.CASE_INSENSITIVE);
    /** A template whose prompts mostly ask about the past asks about it in every row (a history-quiz frame). */
    static final double TEMPLATE_PAST_SHARE = 0.5;

    private PastQuestions() {
    }

    /** True when the prompt itself asks about the past: a cue word, a past year, or an era term. */
    public static boolean asksAboutPast(String prompt, TextFeatures features, EraLexicon lexicon) {
        return asksAboutPast(prompt, features, lexicon::find);
    }

    /** As {@link #asksAboutPast(String, TextFeatures, EraLexicon)}, with the lexicon's matches from {@code find}. */
    static boolean asksAboutPast(String prompt, TextFeatures features,
                                 java.util.function.Function<String, List<EraMatch>> find) {
        if (prompt == null || prompt.isBlank()) {
            return false;
        }
        if (PAST_CUE.matcher(prompt).find()
                || PAST_TENSE.matcher(prompt).find() && !PRESENT_ANCHOR.matcher(prompt).find()) {
            return true;
        }
        if (features != null) {
            for (Timex t : features.temporals()) {
                if (t.toYear() != null && t.toYear() < EraEvidenceScorer.PAST_BEFORE) {
                    return true;
                }
            }
        }
        for (EraMatch m : find.apply(prompt)) {
            if (!m.term().ambiguous() && m.term().to() < EraEvidenceScorer.CURRENT_FROM) {
                return true;
            }
        }
        return false;
    }

    /**
     * Per row, whether its prompt asks about the past, widened to whole templates: when most rows of a template
     * ask about the past, all of them do (the frame is a history question whose slot happens to lack a cue).
     */
    public static boolean[] widenByTemplate(boolean[] past, PromptTemplates templates) {
        if (templates == null) {
            return past;
        }
        boolean[] out = past.clone();
        for (PromptTemplates.Template t : templates.templates()) {
            int[] rows = t.rows();
            if (rows.length == 0) {
                continue;
            }
            int n = 0;
            for (int r : rows) {
                if (r < past.length && past[r]) {
                    n++;
                }
            }
            if (n >= TEMPLATE_PAST_SHARE * rows.length) {
                for (int r : rows) {
                    if (r < out.length) {
                        out[r] = true;
                    }
                }
            }
        }
        return out;
    }
}
