package io.steppewire.standin;

import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class BsonDocumentsTest {

    private final BsonDocuments type = new BsonDocuments();

    @Test
    void aDocumentOfEveryKindTheServicesStoreReadsBackAsItWasWritten() {
        Document article = new Document("_id", "article-7f3a")
                .append("title", "Тенге укрепился к доллару")
                .append("published", Instant.parse("2026-03-14T09:00:00Z"))
                .append("version", 3)
                .append("sequence", 9_007_199_254_740_993L)
                .append("score", 0.25)
                .append("rate", new Decimal128(new BigDecimal("503.1200")))
                .append("breaking", true)
                .append("summary", null)
                .append("owner", new ObjectId())
                .append("token", UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427"))
                .append("countries", List.of("KZ", "UZ"))
                .append("source", new Document("site", "example.kz").append("paths", List.of(new Document("p", "/news/1"))));

        assertThat(roundTrip(article)).isEqualTo(article);
    }

    @Test
    void aValueBsonCannotHoldIsKeptInTheGenericEncoding() {
        Document unusual = new Document("_id", "x").append("wait", Duration.ofSeconds(90));

        assertThat(roundTrip(unusual)).isEqualTo(unusual);
    }

    @Test
    void aLargerDocumentIsEstimatedLarger() {
        Document small = new Document("_id", "a");
        Document large = new Document("_id", "b").append("terms", List.of("tenge", "som", "manat", "sum", "somoni"));

        assertThat(type.getMemory(large)).isGreaterThan(type.getMemory(small));
    }

    private Document roundTrip(Document document) {
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, document);
        ByteBuffer written = buffer.getBuffer();
        written.flip();
        return type.read(written);
    }
}
