package io.steppewire.standin;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeyValueOrderTest {

    private final KeyValueOrder order = new KeyValueOrder();

    @Test
    void numbersOfDifferentTypesButOneValueAreOneKey() {
        assertThat(order.compare(new KeyValue(1), new KeyValue(1.0))).isZero();
        assertThat(order.compare(new KeyValue(1), new KeyValue(2L))).isNegative();
    }

    @Test
    void keysOrderByTheirFirstDifferingValueThenByLength() {
        assertThat(order.compare(new KeyValue("article-a", 2), new KeyValue("article-b", 1))).isNegative();
        assertThat(order.compare(new KeyValue("article-a", 2), new KeyValue("article-a", 1))).isPositive();
        assertThat(order.compare(new KeyValue("article-a"), new KeyValue("article-a", 1))).isNegative();
    }

    @Test
    void differentArraysAreDifferentKeys() {
        assertThat(order.compare(new KeyValue(List.of(1, 2)), new KeyValue(List.of(2, 1)))).isNotZero();
        assertThat(order.compare(new KeyValue(List.of(1, 2)), new KeyValue(List.of(1, 2)))).isZero();
    }
}
