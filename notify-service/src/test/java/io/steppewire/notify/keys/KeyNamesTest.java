package io.steppewire.notify.keys;

import io.steppewire.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyNamesTest {

    @Test
    void acceptsAShortVisibleNameStripped() {
        assertThat(ManageSubscriberKeys.acceptedName("  Almaty newsroom – økonomi  ")).isEqualTo("Almaty newsroom – økonomi");
        assertThat(ManageSubscriberKeys.acceptedName("x".repeat(100))).hasSize(100);
    }

    @Test
    void refusesMissingLongAndInvisibleNamesSayingWhy() {
        assertThat(ManageSubscriberKeys.nameRefusal(null)).hasValueSatisfying(r -> assertThat(r).startsWith("is required"));
        assertThat(ManageSubscriberKeys.nameRefusal(" \t ")).hasValueSatisfying(r -> assertThat(r).startsWith("is required"));
        assertThat(ManageSubscriberKeys.nameRefusal("x".repeat(101))).hasValueSatisfying(r -> assertThat(r).contains("101 characters"));
        for (String invisible : new String[]{"news\ndesk", "news\u0000desk", "news\u202Edesk", "news\u2028desk", "news\u007Fdesk"}) {
            assertThat(ManageSubscriberKeys.nameRefusal(invisible)).as(invisible).hasValueSatisfying(r -> assertThat(r).contains("position 4"));
        }
        assertThatThrownBy(() -> ManageSubscriberKeys.acceptedName("a\rb")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.status().value()).isEqualTo(400));
    }
}
