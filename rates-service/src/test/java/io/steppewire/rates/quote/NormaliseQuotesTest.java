package io.steppewire.rates.quote;

import io.steppewire.events.fx.RateQuoted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
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

    @ParameterizedTest(name = "rate {0}")
    @ValueSource(strings = {"1E-500000000", "1e3", "1.5E+2", "0x1F", "1_000", "1,5", "NaN", "Infinity", "- 1", ".", "",
            "1234567890123456789012345678901", "0.0000000000000000000000000000001", "0.0000000000001", "1000000000001",
            "0.000000000000000000000000000000000000000000000000000000000000000001"})
    void aRateThatIsNotASaneDecimalIsRefusedWithItsIndexAndField(String rate) {
        QuoteSubmission good = new QuoteSubmission("KZT/USD", "0.00200", null, "2026-03-14", "nbk");
        QuoteSubmission bad = new QuoteSubmission("KZT/USD", rate, null, "2026-03-14", "nbk");

        assertThatThrownBy(() -> normalise.apply(List.of(good, bad)))
                .isInstanceOf(QuoteBatchRejected.class)
                .extracting(e -> ((QuoteBatchRejected) e).problems(), list(QuoteProblem.class))
                .singleElement()
                .satisfies(problem -> {
                    assertThat(problem.index()).isEqualTo(1);
                    assertThat(problem.field()).isEqualTo("rate");
                    assertThat(problem.message()).hasSizeLessThan(300);
                });
    }

    @ParameterizedTest(name = "reportedChangePct {0}")
    @ValueSource(strings = {"1E-999999999", "5e1", "-100", "-100.5", "1000000.1", "12345678901234567890123456789012"})
    void aReportedChangeThatIsNotASaneDecimalIsRefusedWithItsIndexAndField(String reported) {
        QuoteSubmission bad = new QuoteSubmission("KZT/USD", "0.00200", reported, "2026-03-14", "nbk");

        assertThatThrownBy(() -> normalise.apply(List.of(bad)))
                .isInstanceOf(QuoteBatchRejected.class)
                .extracting(e -> ((QuoteBatchRejected) e).problems(), list(QuoteProblem.class))
                .singleElement()
                .satisfies(problem -> {
                    assertThat(problem.index()).isZero();
                    assertThat(problem.field()).isEqualTo("reportedChangePct");
                });
    }

    @Test
    void decimalsAtTheirLimitsAreAccepted() {
        List<RateQuoted> quotes = normalise.apply(List.of(
                new QuoteSubmission("KZT/USD", "0.000000000001", "-99.99", "2026-03-14", "nbk"),
                new QuoteSubmission("KZT/USD", "999999999999.999999999999999999", "1000000", "2026-03-13", "nbk"),
                new QuoteSubmission("KZT/USD", " +0.5 ", null, "2026-03-12", "nbk")));

        assertThat(quotes).extracting(quote -> quote.rate().toPlainString())
                .containsExactly("0.000000000001", "999999999999.999999999999999999", "0.5");
    }

    @Test
    void anExponentIsRefusedInMillisecondsWhateverItsSize() {
        QuoteSubmission bad = new QuoteSubmission("KZT/USD", "1E-500000000", "1E+500000000", "2026-03-14", "nbk");

        assertTimeoutPreemptively(Duration.ofMillis(500), () -> assertThatThrownBy(() -> normalise.apply(List.of(bad)))
                .isInstanceOf(QuoteBatchRejected.class));
    }

    @Test
    void hugeTextsAreRefusedWithoutBeingEchoedBack() {
        String huge = "7".repeat(200_000);
        QuoteSubmission bad = new QuoteSubmission(huge, huge, huge, huge, huge);

        assertThatThrownBy(() -> normalise.apply(List.of(bad)))
                .isInstanceOf(QuoteBatchRejected.class)
                .extracting(e -> ((QuoteBatchRejected) e).problems(), list(QuoteProblem.class))
                .hasSize(5)
                .allSatisfy(problem -> assertThat(problem.message()).hasSizeLessThan(300));
    }

    @Test
    void aSourceWithHalfASurrogatePairOrAControlCharacterIsRefused() {
        for (String source : List.of("desk\uD800", "\uDC00desk", "desk\u0000", "desk\uFFFF")) {
            assertThatThrownBy(() -> normalise.apply(List.of(new QuoteSubmission("KZT/USD", "0.00200", null, "2026-03-14", source))))
                    .as(source)
                    .isInstanceOf(QuoteBatchRejected.class);
        }
        assertThat(normalise.apply(List.of(new QuoteSubmission("KZT/USD", "0.00200", null, "2026-03-14", "desk \uD83D\uDCC8"))))
                .singleElement().satisfies(quote -> assertThat(quote.source()).isEqualTo("desk \uD83D\uDCC8"));
    }
}
