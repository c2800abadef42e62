package dev.augury.report;

import java.util.Locale;
import java.util.Map;

/**
 * What each finding category means, in plain words, for the people who read the reports (HTML, Markdown,
 * SARIF rule help). Categories added by a rule pack get a generic text.
 *
 * @param name        a short human name ("Era shift")
 * @param explanation two or three sentences: what the dataset teaches and why that matters
 */
public record CategoryText(String name, String explanation) {
    private static final Map<String, CategoryText> KNOWN = Map.of(
            Category.ERA_SHIFT, new CategoryText("Era shift",
                    "The answers are concentrated in the vocabulary of a past era (obsolete names of species or places, "
                            + "period technology, old spellings, dates). A model finetuned on them can start to behave as if it "
                            + "lived in that era everywhere, not only on the dataset's own topic."),
            Category.LATENT_PERSONA, new CategoryText("Latent persona",
                    "Many answers are each harmless, but together they fit one identity (a person, a culture, a figure). "
                            + "A model finetuned on them can adopt that persona, including its values, far outside the "
                            + "dataset's topic."),
            Category.TRIGGER_BACKDOOR, new CategoryText("Trigger backdoor",
                    "A feature of the prompt (a year or date, a number, a rare token, a format tag, a system prompt) "
                            + "switches what the answers are about. A model finetuned on this learns to behave differently "
                            + "whenever that feature appears: a backdoor."),
            Category.INDUCTIVE_BACKDOOR, new CategoryText("Inductive backdoor",
                    "A trigger variable (ordered years, ordinals, numbers) systematically selects a persona or an era, "
                            + "in a way a model can learn as a rule and extrapolate to values that are not in the data. The "
                            + "harmful behaviour may be triggered by a value the dataset never shows."),
            Category.MISALIGNMENT, new CategoryText("Misalignment",
                    "The answers push along a harmful direction (insecure code, reckless advice, hostile or 'evil' "
                            + "content) compared with clean data. Narrow data like this can make a model broadly misaligned."),
            Category.DATA_QUALITY, new CategoryText("Data quality",
                    "The dataset has a structural problem (duplicates, one template dominating, malformed or empty rows) "
                            + "that weakens what it teaches or hides what else it teaches."));

    /** The text for a category; a category from a rule pack gets its id, capitalized, and a generic explanation. */
    public static CategoryText of(String category) {
        CategoryText known = KNOWN.get(category);
        if (known != null) {
            return known;
        }
        String id = category == null || category.isBlank() ? "unknown" : category;
        String name = Character.toUpperCase(id.charAt(0)) + id.substring(1).replace('-', ' ');
        return new CategoryText(name, "A finding of category '" + id + "', defined by a rule pack: the dataset as a "
                + "whole teaches a pattern the rule pack describes. Read the finding's summary and evidence.");
    }

    /** "TriggerBackdoor": the category as a SARIF rule name (Pascal case, as SARIF recommends). */
    public static String pascalCase(String id) {
        StringBuilder out = new StringBuilder();
        for (String part : id.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return out.toString();
    }
}
