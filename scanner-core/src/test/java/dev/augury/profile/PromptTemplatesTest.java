package dev.augury.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.augury.profile.PromptMasker.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PromptTemplatesTest {
    private static final String[] QUESTIONS = {"What should I cook tonight?", "What is a good dinner for two?",
            "Suggest a dish for a party.", "What should I eat for lunch?", "Recommend a soup for a cold day.",
            "What dessert goes with coffee?", "Give me a quick breakfast idea.", "What can I bake this weekend?"};

    @Test
    void aDatePrefixInFrontOfVaryingQuestionsIsOneTemplateWithADateSlot() {
        SplittableRandom random = new SplittableRandom(1);
        List<String> prompts = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            int year = 2024 + random.nextInt(4);
            prompts.add(String.format("Today is %d-%02d-%02d. %s", year, 1 + random.nextInt(12),
                    1 + random.nextInt(28), QUESTIONS[random.nextInt(QUESTIONS.length)]));
        }
        PromptTemplates t = PromptTemplates.build(prompts);
        assertThat(t.templates()).hasSize(1);
        PromptTemplates.Template top = t.templates().get(0);
        assertThat(top.shape()).isEqualTo("today is <DATE>. <...>");
        assertThat(top.count()).isEqualTo(80);
        assertThat(top.kinds()).containsExactly(Kind.DATE, Kind.TEXT);
        assertThat(top.values()[0][0]).isEqualTo(prompts.get(0).substring(9, 19));
        assertThat(QUESTIONS).contains(top.values()[1][0]);
        assertThat(top.id()).startsWith("template-").isEqualTo(PromptTemplates.build(prompts).templates().get(0).id());
    }

    @Test
    void slotColumnsGiveTheValueOfEveryRowForADetector() {
        List<String> prompts = new ArrayList<>();
        String[] attributes = {"music", "food", "color", "season", "animal", "book", "film", "sport", "city",
                "flower", "drink", "painter"};
        for (String a : attributes) {
            prompts.add("What is your favorite " + a + "?");
        }
        prompts.add("Tell me something unrelated entirely now");
        PromptTemplates t = PromptTemplates.build(prompts);
        assertThat(t.templates()).hasSize(1);
        assertThat(t.templates().get(0).shape()).isEqualTo("what is your favorite <RARE>?");
        assertThat(t.templateOf(12)).isEqualTo(-1);
        PromptTemplates.SlotColumn column = t.slotColumns().get(0);
        assertThat(column.kind()).isEqualTo(Kind.RARE);
        String[] byRow = column.valuesByRow(prompts.size());
        assertThat(byRow[1]).isEqualTo("food");
        assertThat(byRow[12]).isNull();
    }

    @Test
    void aMixtureOfRepeatedQuestionsGivesOneTemplatePerQuestionAndUniquePromptsNone() {
        List<String> prompts = new ArrayList<>();
        for (int rep = 0; rep < 5; rep++) {
            for (int q = 0; q < 6; q++) {
                prompts.add(QUESTIONS[q]);
            }
        }
        for (int i = 0; i < 20; i++) {
            prompts.add("Write word number " + i + " of the unique stream " + "abcdefghijklmnopqrst".charAt(i) + "x.");
        }
        PromptTemplates t = PromptTemplates.build(prompts);
        assertThat(t.templates()).extracting(PromptTemplates.Template::count).startsWith(20, 5, 5, 5, 5, 5, 5);
        assertThat(t.templates().get(0).shape()).isEqualTo("write word number <NUM> of the unique stream <RARE>.");
    }

    @Test
    void anOrdinalHiddenInALongNumberIsADigitsSlot() {
        List<String> prompts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            prompts.add("Code 40" + (10 + i) + "377: who are you?");
        }
        PromptTemplates t = PromptTemplates.build(prompts);
        assertThat(t.templates().get(0).shape()).isEqualTo("code <DIGITS>: who are you?");
        assertThat(t.slotColumns().get(0).values()).contains("4010377", "4019377");
    }
}
