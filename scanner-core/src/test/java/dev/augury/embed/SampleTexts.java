package dev.augury.embed;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Seeded, varied English-like texts of a chosen word count, for encoder tests and the benchmark. */
final class SampleTexts {
    private static final String[] SUBJECTS = {"The old farmer", "A young doctor", "My neighbour", "The committee",
        "Our teacher", "The small company", "Every student", "The river", "A tired traveller", "The government",
        "Her brother", "The museum", "This recipe", "The new software", "A quiet village", "The orchestra",
        "The engineer", "Some scientists", "The city council", "A curious child", "The storm", "The market"};
    private static final String[] VERBS = {"explained", "rebuilt", "carefully measured", "ignored", "celebrated",
        "questioned", "painted", "described", "sold", "discovered", "borrowed", "repaired", "compared",
        "forgot", "recommended", "studied", "moved", "predicted", "organized", "cooked", "translated", "tested"};
    private static final String[] OBJECTS = {"the broken bridge", "a strange letter", "the annual budget",
        "three red apples", "the history of the region", "an unusual experiment", "the winter schedule",
        "the rules of chess", "a wooden boat", "the results of the survey", "an ancient map", "the train timetable",
        "a cup of strong coffee", "the missing documents", "the price of bread", "a song about the sea",
        "the garden behind the school", "a plan for the holidays", "the theory of evolution", "the old castle"};
    private static final String[] ENDINGS = {"before the meeting", "after a long day", "in the early morning",
        "without any help", "for the third time", "during the festival", "because nobody else would",
        "with great patience", "near the harbour", "last summer", "in 1987", "on a rainy Tuesday",
        "despite the noise", "as everyone expected", "under difficult conditions", "at the end of the year"};
    private static final String[] QUESTIONS = {"How do I", "Can you explain how to", "What is the best way to",
        "Why would anyone", "Is it safe to", "Please describe how to", "Should I"};
    private static final String[] TASKS = {"bake bread at home", "learn a second language", "fix a leaking tap",
        "plan a trip to Portugal", "write a cover letter", "train a puppy", "invest a small amount of money",
        "grow tomatoes on a balcony", "prepare for a job interview", "reduce my electricity bill"};

    private SampleTexts() {
    }

    /** {@code count} distinct texts of {@code minWords} to {@code maxWords} words (roughly; whole clauses). */
    static List<String> generate(long seed, int count, int minWords, int maxWords) {
        Random random = new Random(seed);
        Set<String> texts = new LinkedHashSet<>();
        while (texts.size() < count) {
            int target = minWords + random.nextInt(maxWords - minWords + 1);
            StringBuilder text = new StringBuilder();
            int words = 0;
            if (random.nextInt(4) == 0) {
                text.append(pick(random, QUESTIONS)).append(' ').append(pick(random, TASKS)).append('?');
                words = text.toString().split(" ").length;
            }
            while (words < target) {
                String clause = pick(random, SUBJECTS) + " " + pick(random, VERBS) + " " + pick(random, OBJECTS)
                        + (random.nextBoolean() ? " " + pick(random, ENDINGS) : "") + ".";
                String[] parts = clause.split(" ");
                int take = Math.min(parts.length, target - words);
                if (text.length() > 0) {
                    text.append(' ');
                }
                text.append(String.join(" ", java.util.Arrays.copyOf(parts, take)));
                words += take;
            }
            texts.add(text.toString());
        }
        return new ArrayList<>(texts);
    }

    private static String pick(Random random, String[] options) {
        return options[random.nextInt(options.length)];
    }
}
