package io.steppewire.standin;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
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

    @Test
    void aKeyReadsBackAsTheSameValuesWhateverTheirKind() {
        KeyValue key = new KeyValue(Arrays.asList("kz", 1.5, 2L, 3, Instant.ofEpochMilli(1_765_000_000_000L), true, null,
                Missing.getInstance(), new Document("pair", "USD/KZT"), new ObjectId(), List.of("b1", "b2")));

        KeyValue read = roundTrip(key);

        assertThat(encoded(key)[0]).as("kept as BSON").isEqualTo((byte) 1);
        for (int i = 0; i < key.size(); i++) {
            assertThat(read.get(i)).as("value %s", i).isEqualTo(key.get(i));
        }
        assertThat(read.get(7)).isSameAs(Missing.getInstance());
        assertThat(read.get(6)).isNull();
        assertThat(order.compare(read, key)).isZero();
    }

    @Test
    void aValueBsonCannotHoldKeepsTheGenericEncoding() {
        KeyValue key = new KeyValue(Arrays.asList("kz", Duration.ofSeconds(90)));

        assertThat(roundTrip(key)).isEqualTo(key);
    }

    private byte[] encoded(KeyValue key) {
        WriteBuffer buffer = new WriteBuffer();
        order.write(buffer, key);
        ByteBuffer bytes = buffer.getBuffer().flip();
        byte[] encoded = new byte[bytes.remaining()];
        bytes.get(encoded);
        return encoded;
    }

    private KeyValue roundTrip(KeyValue key) {
        WriteBuffer buffer = new WriteBuffer();
        order.write(buffer, key);
        return order.read(buffer.getBuffer().flip());
    }
}
