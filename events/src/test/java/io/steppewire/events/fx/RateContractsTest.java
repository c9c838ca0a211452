package io.steppewire.events.fx;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateContractsTest {

    private static final Instant DAY_ONE = Instant.parse("2026-03-14T00:00:00Z");
    private static final Instant DAY_TWO = Instant.parse("2026-03-15T00:00:00Z");

    @Test
    void centralAsianCurrenciesArePricedInDollars() {
        assertThat(CurrencyPair.parse("usd-kzt").canonical()).isEqualTo(new CurrencyPair("KZT", "USD"));
        assertThat(CurrencyPair.parse("KZT/USD").isCanonical()).isTrue();
        assertThat(CurrencyPair.parse("EUR/USD").isCanonical()).isTrue();
        assertThat(CurrencyPair.parse("USD/EUR").isCanonical()).isFalse();
        assertThat(CurrencyPair.parse("UZS/KZT").canonical()).isEqualTo(CurrencyPair.parse("KZT/UZS"));
        assertThat(CurrencyPair.parse("TJS/USD").pathForm()).isEqualTo("TJS-USD");
    }

    @Test
    void aWholeNumberInverseIsWrittenPlainNotAsAnExponent() {
        RateQuoted quote = RateQuoted.fromQuote("USD/KZT", new BigDecimal("0.01"), null, DAY_ONE, "bank", null, DAY_ONE);

        assertThat(quote.rate()).isEqualByComparingTo("100");
        assertThat(quote.rate().scale()).isZero();
        assertThat(quote.rate().toString()).isEqualTo("100");
    }

    @Test
    void aPairIsAboutTheCountriesOfItsNonReserveCurrencies() {
        assertThat(CurrencyPair.parse("KZT/USD").countries()).containsExactly("KZ");
        assertThat(CurrencyPair.parse("UZS/RUB").countries()).containsExactly("UZ", "RU");
        assertThat(CurrencyPair.countryOf("TMT")).hasValue("TM");
        assertThat(CurrencyPair.parse("EUR/USD").countries()).isEmpty();
    }

    @Test
    void malformedPairsAreRefusedWithTheAcceptedForm() {
        assertThatThrownBy(() -> CurrencyPair.parse("KZTUSD")).hasMessageContaining("BASE/QUOTE");
        assertThatThrownBy(() -> CurrencyPair.parse("USD/USD")).hasMessageContaining("two different");
        assertThatThrownBy(() -> CurrencyPair.parse("KZT/US1")).hasMessageContaining("BASE/QUOTE");
        assertThatThrownBy(() -> CurrencyPair.parse("KZÉ/USD")).hasMessageContaining("BASE/QUOTE");
        assertThatThrownBy(() -> new CurrencyPair("KZ", "USD")).hasMessageContaining("three capital letters");
    }

    @Test
    void pairsInAnyAcceptedSpellingAreTheSamePair() {
        assertThat(List.of("KZT/USD", "kzt/usd", "KZT-USD", " KZT / usd ", "Kzt/USD"))
                .extracting(CurrencyPair::parse).containsOnly(new CurrencyPair("KZT", "USD"));
    }

    @Test
    void percentChangesAreTheExactValueRoundedOnceAtTheirScale() {
        Random random = new Random(20260324);
        BigDecimal unit = BigDecimal.ONE.movePointLeft(ChangeInterval.SCALE);
        for (int i = 0; i < 2_000; i++) {
            BigDecimal numerator = BigDecimal.valueOf(1 + random.nextInt(2_000_000), random.nextInt(8));
            BigDecimal denominator = BigDecimal.valueOf(1 + random.nextInt(2_000_000), random.nextInt(8));
            // Exact checks without division: (pct / 100 + 1) * denominator against the numerator.
            BigDecimal floor = ChangeInterval.pct(numerator, denominator, RoundingMode.FLOOR);
            BigDecimal ceiling = ChangeInterval.pct(numerator, denominator, RoundingMode.CEILING);

            assertThat(ratioTimes(floor, denominator)).isLessThanOrEqualTo(numerator);
            assertThat(ratioTimes(floor.add(unit), denominator)).isGreaterThan(numerator);
            assertThat(ratioTimes(ceiling, denominator)).isGreaterThanOrEqualTo(numerator);
            assertThat(ratioTimes(ceiling.subtract(unit), denominator)).isLessThan(numerator);
            assertThat(floor.scale()).isEqualTo(ChangeInterval.SCALE);
        }
    }

    private static BigDecimal ratioTimes(BigDecimal pct, BigDecimal denominator) {
        return pct.movePointLeft(2).add(BigDecimal.ONE).multiply(denominator);
    }

    @Test
    void aDirectQuoteKeepsItsDecimalsAndTheHalfUnitBand() {
        RateQuoted quote = quote("KZT/USD", "0.00194", DAY_ONE);

        assertThat(quote.pair()).isEqualTo("KZT/USD");
        assertThat(quote.decimals()).isEqualTo(5);
        assertThat(quote.rateLow()).isEqualByComparingTo("0.001935");
        assertThat(quote.rateHigh()).isEqualByComparingTo("0.001945");
        assertThat(quote.quotedAs()).isNull();
    }

    @Test
    void anInverseQuoteIsTurnedAroundWithoutLosingItsPrecision() {
        RateQuoted quote = RateQuoted.fromQuote("USD/KZT", new BigDecimal("515.90"), new BigDecimal("1.00"),
                DAY_ONE, "api", null, DAY_ONE);

        assertThat(quote.pair()).isEqualTo("KZT/USD");
        assertThat(quote.quotedAs()).isEqualTo(new QuotedAs("USD/KZT", new BigDecimal("515.90"), 2));
        assertThat(quote.rate()).isEqualByComparingTo("0.001938360147");
        assertThat(quote.rateLow()).isLessThan(BigDecimal.ONE.divide(new BigDecimal("515.90"), java.math.MathContext.DECIMAL64));
        assertThat(quote.rateLow()).isLessThanOrEqualTo(BigDecimal.ONE.divide(new BigDecimal("515.905"), java.math.MathContext.DECIMAL64));
        assertThat(quote.rateHigh()).isGreaterThanOrEqualTo(BigDecimal.ONE.divide(new BigDecimal("515.895"), java.math.MathContext.DECIMAL64));
        assertThat(quote.reportedChangePct()).isEqualByComparingTo("-0.99");
    }

    @Test
    void aRateOfZeroIsRefused() {
        assertThatThrownBy(() -> quote("KZT/USD", "0.00000", DAY_ONE)).hasMessageContaining("greater than zero");
    }

    @Test
    void aOneUnitTickAtFiveDecimalsIsARoundingArtefactNotAMove() {
        RateChanged change = RateChanged.between(quote("KZT/USD", "0.00201", DAY_ONE), quote("KZT/USD", "0.00200", DAY_TWO),
                new BigDecimal("0.1"), DAY_TWO);

        assertThat(change.naiveChangePct()).isEqualByComparingTo("-0.4975");
        assertThat(change.computedChangePct().lowPct()).isEqualByComparingTo("-0.9926");
        assertThat(change.computedChangePct().highPct()).isEqualByComparingTo("0");
        assertThat(change.assessment().big()).isFalse();
        assertThat(change.assessAt(new BigDecimal("0.01")).big()).isFalse();
    }

    @Test
    void aMoveWhollyBeyondTheThresholdIsBigOnComputedBasis() {
        RateChanged change = RateChanged.between(quote("TJS/USD", "0.09410", DAY_ONE), quote("TJS/USD", "0.09610", DAY_TWO),
                new BigDecimal("1.0"), DAY_TWO);

        MoveAssessment assessment = change.assessAt(new BigDecimal("2.0"));

        assertThat(assessment.big()).isTrue();
        assertThat(assessment.basis()).isEqualTo(MoveBasis.COMPUTED);
        assertThat(assessment.direction()).isEqualTo(Direction.UP);
        assertThat(assessment.firesFor(Direction.DOWN)).isFalse();
        assertThat(assessment.firesFor(Direction.EITHER)).isTrue();
    }

    @Test
    void aReportedChangeAtTheThresholdIsBigEvenWhenTheComputedBandIsNarrow() {
        RateQuoted before = quote("UZS/USD", "0.00008", DAY_ONE);
        RateQuoted after = RateQuoted.fromQuote("UZS/USD", new BigDecimal("0.00008"), new BigDecimal("-0.46"), DAY_TWO,
                "steppe-daily", null, DAY_TWO);

        MoveAssessment assessment = RateChanged.between(before, after, new BigDecimal("0.25"), DAY_TWO).assessment();

        assertThat(assessment.big()).isTrue();
        assertThat(assessment.basis()).isEqualTo(MoveBasis.REPORTED);
        assertThat(assessment.direction()).isEqualTo(Direction.DOWN);
    }

    private static RateQuoted quote(String pair, String rate, Instant asOf) {
        return RateQuoted.fromQuote(pair, new BigDecimal(rate), null, asOf, "steppe-daily", null, asOf);
    }
}
