package io.steppewire.article.rates;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.steppewire.article.store.Generation;
import io.steppewire.article.store.ProjectionGenerations;
import io.steppewire.article.store.StoreProperties;
import io.steppewire.article.support.EmbeddedStore;
import io.steppewire.events.fx.RateQuoted;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No rate document grows with traffic: a pair quoted every minute for ten hours by four tickers leaves documents no
 * larger than one quote's, and the day's chart still counts every point.
 */
class RateGrowthTest {

    private static final LocalDate MARCH_14 = LocalDate.parse("2026-03-14");
    private static final List<String> TICKERS = List.of("steppe-daily", "pamir-daily", "silk-road-ledger", "aral-herald");

    private MongoClient client;
    private MongoDatabase database;
    private RateStore rates;

    @BeforeEach
    void openStore() {
        client = MongoClients.create(EmbeddedStore.uri());
        database = client.getDatabase("rate-growth-" + UUID.randomUUID());
        rates = new RateStore(database, new ProjectionGenerations(database, new StoreProperties(Duration.ofSeconds(1))));
        rates.createIndexes(Generation.ORIGINAL);
    }

    @AfterEach
    void closeStore() {
        client.close();
    }

    @Test
    void aBusyDayOfOnePairLeavesNoDocumentLargerThanAQuote() {
        Instant opening = MARCH_14.atStartOfDay(ZoneOffset.UTC).toInstant();
        int minutes = 600;
        for (int minute = 0; minute < minutes; minute++) {
            List<RateQuoted> batch = new ArrayList<>();
            for (String ticker : TICKERS) {
                Instant at = opening.plusSeconds(minute * 60L);
                batch.add(RateQuoted.fromQuote("KZT/USD", new BigDecimal("0.00200").add(new BigDecimal(minute).movePointLeft(7)), null,
                        at, ticker, null, at));
            }
            rates.recordQuotes(Generation.ORIGINAL, batch);
        }
        int quotes = minutes * TICKERS.size();

        int largest = 0;
        for (String base : RateStore.COLLECTIONS) {
            for (Document document : database.getCollection(Generation.ORIGINAL.collection(base)).find()) {
                largest = Math.max(largest, new RawBsonDocument(document, new DocumentCodec()).getByteBuffer().remaining());
            }
        }
        assertThat(largest).as("the largest rate document, in bytes").isLessThan(1_000);
        List<RateViews.DailyPoint> chart = rates.daily("KZT/USD", MARCH_14, MARCH_14, null);
        assertThat(chart).singleElement().satisfies(day -> {
            assertThat(day.count()).isEqualTo(quotes);
            assertThat(day.close().rate()).isEqualTo("0.0020599");
        });
        assertThat(rates.daily("KZT/USD", MARCH_14, MARCH_14, "aral-herald")).singleElement()
                .satisfies(day -> assertThat(day.count()).isEqualTo(quotes / TICKERS.size()));
    }
}
