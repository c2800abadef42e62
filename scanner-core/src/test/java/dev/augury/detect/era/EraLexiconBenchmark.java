package dev.augury.detect.era;

import static org.assertj.core.api.Assertions.assertThat;

import dev.augury.rules.RulePacks;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Throughput of the matcher over the default packs. Not part of the normal suite (the name does not end in Test);
 * run with {@code -Dtest=EraLexiconBenchmark}. It prints timings and asserts only that matches are found.
 */
class EraLexiconBenchmark {
    private static final int ANSWERS = 20_000;
    private static final long SEED = 42L;
    private static final int ROUNDS = 3;

    @Test
    void matches20000ShortAnswers() {
        long t0 = System.nanoTime();
        RulePacks packs = RulePacks.of(RulePacks.loadDefaults());
        EraLexicon lexicon = EraLexicon.from(packs);
        long t1 = System.nanoTime();
        List<String> sentences = new ArrayList<>(EraContrastSet.from(packs).periodTexts());
        sentences.addAll(EraContrastSet.from(packs).modernTexts());
        Random random = new Random(SEED);
        List<String> answers = new ArrayList<>(ANSWERS);
        for (int i = 0; i < ANSWERS; i++) {
            answers.add(sentences.get(random.nextInt(sentences.size())) + " (" + i + ")");
        }
        System.out.printf("era lexicon: %d entries, loaded and built in %d ms%n", lexicon.size(),
                (t1 - t0) / 1_000_000);
        long found = 0;
        long modern = 0;
        for (int round = 1; round <= ROUNDS; round++) { // the first round includes JIT warm-up
            long t2 = System.nanoTime();
            found = 0;
            for (String a : answers) {
                found += lexicon.find(a).size();
            }
            long t3 = System.nanoTime();
            modern = 0;
            for (String a : answers) {
                modern += lexicon.modernCounterpartOf(a).size();
            }
            long t4 = System.nanoTime();
            System.out.printf("round %d: find %d answers in %d ms (%d matches); modernCounterpartOf in %d ms (%d)%n",
                    round, ANSWERS, (t3 - t2) / 1_000_000, found, (t4 - t3) / 1_000_000, modern);
        }
        assertThat(found).isPositive();
        assertThat(modern).isPositive();
    }
}
