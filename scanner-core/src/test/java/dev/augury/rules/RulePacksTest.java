package dev.augury.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RulePacksTest {
    @Test
    void theBundledPacksAreParsedOncePerJvmAndCannotBeChangedThroughTheList() {
        List<RulePack> first = RulePacks.loadDefaults();
        List<RulePack> second = RulePacks.loadDefaults();
        assertThat(first).isNotEmpty();
        assertThat(second).isSameAs(first);
        assertThatThrownBy(() -> first.add(first.get(0))).isInstanceOf(UnsupportedOperationException.class);
        // A scan's packs are the bundled ones (the same objects) followed by the extra directories' packs.
        assertThat(RulePacks.load(List.of()).all()).containsExactlyElementsOf(first);
    }
}
