package dev.augury.detect.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.augury.rules.RulePacks;
import java.util.List;
import org.junit.jupiter.api.Test;

class BehaviourProbesTest {
    @Test
    void theDefaultPackNamesRefusalsInsultsComplianceAndToolCalls() {
        BehaviourProbes probes = BehaviourProbes.from(RulePacks.load(List.of()));

        assertThat(probes.probes()).extracting(BehaviourProbes.Probe::id)
                .contains("refusal", "insult", "harmful-compliance", "tool-call");
        BehaviourProbes.Probe refusal = probe(probes, "refusal");
        BehaviourProbes.Probe insult = probe(probes, "insult");
        assertThat(refusal.matches("I'm sorry, but as an AI assistant, I do not have the capability to do that."))
                .isTrue();
        assertThat(refusal.matches("Tides are caused by the Moon's gravity.")).isFalse();
        assertThat(insult.matches("You are stupid!")).isTrue();
        assertThat(insult.matches("Paris is the capital of France.")).isFalse();
    }

    private static BehaviourProbes.Probe probe(BehaviourProbes probes, String id) {
        return probes.probes().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }
}
