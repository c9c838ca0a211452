package io.steppewire.rates.quote;

import io.steppewire.events.fx.RateQuoted;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.list;

class NormaliseQuotesTest {

    /** Late evening in Almaty, still the afternoon of the 14th in UTC. */
    private static final Instant NOW = Instant.parse("2026-03-14T18:30:00Z");

    private final NormaliseQuotes normalise = new NormaliseQuotes(Clock.fixed(NOW, ZoneOffset.UTC), 3, Duration.ofMinutes(2));

    @Test
    void anInverseQuoteIsTurnedToTheCanonicalDirectionKeepingWhatWasSent() {
        RateQuoted quote = normalise.apply(List.of(new QuoteSubmission("usd/kzt", "515.90", "0.12", "2026-03-14", " nbk ")))
                .getFirst();

        assertThat(quote.pair()).isEqualTo("KZT/USD");
        assertThat(quote.quotedAs().pair()).isEqualTo("USD/KZT");
        assertThat(quote.quotedAs().rate()).isEqualByComparingTo("515.90");
        assertThat(quote.quotedAs().decimals()).isEqualTo(2);
        assertThat(quote.reportedChangePct()).isEqualByComparingTo("-0.12");
        assertThat(quote.asOf()).isEqualTo(Instant.parse("2026-03-14T00:00:00Z"));
        assertThat(quote.source()).isEqualTo("nbk");
        assertThat(quote.quotedAt()).isEqualTo(NOW);
    }

    @Test
    void aDirectQuoteKeepsItsTrailingZeros() {
        RateQuoted quote = normalise.apply(List.of(new QuoteSubmission("KZT/USD", "0.00200", null,
                "2026-03-14T10:00:00+05:00", "nbk"))).getFirst();

        assertThat(quote.rate().toPlainString()).isEqualTo("0.00200");
        assertThat(quote.decimals()).isEqualTo(5);
        assertThat(quote.asOf()).isEqualTo(Instant.parse("2026-03-14T05:00:00Z"));
    }

    @Test
    void tomorrowsDateIsAcceptedWhereItIsAlreadyTomorrowButTheDayAfterIsNot() {
        // At 18:30 UTC it is already the 15th east of UTC+5:30, e.g. in the Pacific.
        assertThat(normalise.apply(List.of(new QuoteSubmission("KZT/USD", "0.00200", null, "2026-03-15", "nbk")))).hasSize(1);

        assertThatThrownBy(() -> normalise.apply(List.of(new QuoteSubmission("KZT/USD", "0.00200", null, "2026-03-16", "nbk"))))
                .isInstanceOf(QuoteBatchRejected.class)
                .extracting(e -> ((QuoteBatchRejected) e).problems(), list(QuoteProblem.class))
                .singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("future"));
    }

    @Test
    void anInstantBeyondTheAllowedClockSkewIsInTheFuture() {
        assertThat(normalise.apply(List.of(new QuoteSubmission("KZT/USD", "0.00200", null, "2026-03-14T18:31:00Z", "nbk"))))
                .hasSize(1);
        assertThatThrownBy(() -> normalise.apply(List.of(new QuoteSubmission("KZT/USD", "0.00200", null,
                "2026-03-14T18:40:00Z", "nbk")))).isInstanceOf(QuoteBatchRejected.class);
    }

    @Test
    void everyProblemOfEveryQuoteIsReportedWithItsIndexAndField() {
        List<QuoteSubmission> batch = List.of(
                new QuoteSubmission("KZT/USD", "0.00200", null, "2026-03-14", "nbk"),
                new QuoteSubmission("KZT/KZT", "1.5e3", "-100", "14.03.2026", ""));

        assertThatThrownBy(() -> normalise.apply(batch))
                .isInstanceOf(QuoteBatchRejected.class)
                .extracting(e -> ((QuoteBatchRejected) e).problems(), list(QuoteProblem.class))
                .extracting(QuoteProblem::index, QuoteProblem::field)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "pair"),
                        org.assertj.core.groups.Tuple.tuple(1, "rate"),
                        org.assertj.core.groups.Tuple.tuple(1, "reportedChangePct"),
                        org.assertj.core.groups.Tuple.tuple(1, "asOf"),
                        org.assertj.core.groups.Tuple.tuple(1, "source"));
    }

    @Test
    void aMissingQuoteAnEmptyBatchAndAnOversizedBatchAreRefused() {
        assertThatThrownBy(() -> normalise.apply(Collections.singletonList(null)))
                .isInstanceOf(QuoteBatchRejected.class)
                .extracting(e -> ((QuoteBatchRejected) e).problems(), list(QuoteProblem.class))
                .singleElement()
                .satisfies(problem -> assertThat(problem.field()).isEqualTo("quote"));
        assertThatThrownBy(() -> normalise.apply(List.of())).hasMessageContaining("non-empty");
        QuoteSubmission quote = new QuoteSubmission("KZT/USD", "0.00200", null, "2026-03-14", "nbk");
        assertThatThrownBy(() -> normalise.apply(List.of(quote, quote, quote, quote))).hasMessageContaining("at most 3");
    }
}
