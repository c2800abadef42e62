package dev.augury.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NearDuplicatesTest {
    private static final String[] WORDS = ("river mountain lantern copper violin meadow harbor pepper quartz "
            + "falcon orchard marble thunder velvet saddle pebble whistle ember canyon tulip").split(" ");

    @Test
    void findsEditedCopiesAndExactCopiesButNotDistinctRows() {
        SplittableRandom random = new SplittableRandom(3);
        List<String> prompts = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            prompts.add(text(random, 20));
            answers.add(text(random, 30));
        }
        // Rows 100-104 copy row 7 with one answer word changed (Jaccard about 0.9); 105-109 copy row 20 exactly.
        for (int k = 0; k < 5; k++) {
            prompts.add(prompts.get(7));
            String[] w = answers.get(7).split(" ");
            w[29] = "changed" + k;
            answers.add(String.join(" ", w));
        }
        for (int k = 0; k < 5; k++) {
            prompts.add(prompts.get(20));
            answers.add(answers.get(20));
        }
        NearDuplicates.Groups g = new NearDuplicates(new SplittableRandom(1)).find(prompts, answers);
        assertThat(g.groups()).hasSize(2);
        assertThat(g.groups().get(0)).containsExactly(7, 100, 101, 102, 103, 104);
        assertThat(g.groups().get(1)).containsExactly(20, 105, 106, 107, 108, 109);
        assertThat(g.groupOfRow()[8]).isEqualTo(-1);
        assertThat(g.rowsInGroups()).isEqualTo(12);
    }

    @Test
    void oneSharedPromptWithDifferentAnswersIsNotANearDuplicate() {
        SplittableRandom random = new SplittableRandom(4);
        List<String> prompts = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            prompts.add("Name a bird species that lives in the forests of the northern hemisphere please.");
            answers.add(text(random, 6));
        }
        assertThat(new NearDuplicates(new SplittableRandom(1)).find(prompts, answers).groups()).isEmpty();
    }

    private static String text(SplittableRandom random, int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            sb.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(50));
        }
        return sb.toString();
    }
}
