package io.steppewire.rates.official;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FetchRangeTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 4, 2);

    @Test
    void withoutDatesItIsTodayInTheBanksZone() {
        assertThat(FetchRange.parse(null, null, TODAY, 366)).isEqualTo(FetchRange.of(TODAY));
    }

    @Test
    void fromAloneRunsToTodayAndToAloneIsThatOneDate() {
        assertThat(FetchRange.parse("2026-03-30", null, TODAY, 366))
                .isEqualTo(new FetchRange(LocalDate.of(2026, 3, 30), TODAY));
        assertThat(FetchRange.parse(null, "2026-03-30", TODAY, 366)).isEqualTo(FetchRange.of(LocalDate.of(2026, 3, 30)));
    }

    @Test
    void aRangeCoversBothEndsInOrder() {
        FetchRange range = FetchRange.parse("2026-03-30", "2026-04-01", TODAY, 366);

        assertThat(range.days()).isEqualTo(3);
        assertThat(range.dates()).containsExactly(LocalDate.of(2026, 3, 30), LocalDate.of(2026, 3, 31), LocalDate.of(2026, 4, 1));
    }

    @Test
    void aYearAndADayIsTheLongestRangeAtThreeHundredSixtySixDays() {
        assertThat(FetchRange.parse("2025-04-01", "2026-04-01", TODAY, 366).days()).isEqualTo(366);
        assertThatThrownBy(() -> FetchRange.parse("2025-03-31", "2026-04-01", TODAY, 366))
                .isInstanceOf(InvalidFetchRangeException.class).hasMessageContaining("at most 366 days, asked for 367");
        assertThatThrownBy(() -> FetchRange.parse("1992-01-01", "2026-04-01", TODAY, 366))
                .hasMessageContaining("at most 366 days");
    }

    @Test
    void datesInTheWrongOrderAreRefused() {
        assertThatThrownBy(() -> FetchRange.parse("2026-04-01", "2026-03-01", TODAY, 366))
                .isInstanceOf(InvalidFetchRangeException.class).hasMessageContaining("is after to");
    }

    @Test
    void tomorrowMayBeAskedForButNotTheDayAfter() {
        assertThat(FetchRange.parse(null, "2026-04-03", TODAY, 366).to()).isEqualTo(LocalDate.of(2026, 4, 3));
        assertThatThrownBy(() -> FetchRange.parse(null, "2026-04-04", TODAY, 366))
                .isInstanceOf(InvalidFetchRangeException.class).hasMessageContaining("in the future");
        assertThatThrownBy(() -> FetchRange.parse("2026-04-05", null, TODAY, 366)).hasMessageContaining("is after to");
    }

    @Test
    void datesBeforeTheRegionsCurrenciesAreRefused() {
        assertThatThrownBy(() -> FetchRange.parse("1991-12-31", "1992-01-02", TODAY, 366))
                .isInstanceOf(InvalidFetchRangeException.class).hasMessageContaining("before 1992-01-01");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2026-13-01", "2026-02-30", "2026-4-1", "01.04.2026", "+2026-04-01",
            "2026-04-01T00:00", "+999999999-12-31", "-999999999-01-01", "2026-04-01 ", "２０２６-０４-０１", "2026/04/01"})
    void anythingButAnIsoDateIsRefusedAndShownBackInPartAtMost(String text) {
        assertThatThrownBy(() -> FetchRange.parse(text, null, TODAY, 366))
                .isInstanceOf(InvalidFetchRangeException.class)
                .hasMessageStartingWith("from must be a date such as 2026-04-01")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(120));
        assertThatThrownBy(() -> FetchRange.parse(null, text, TODAY, 366)).hasMessageStartingWith("to must be a date");
    }

    @Test
    void aHugeDateIsRefusedUnreadAndShownBackInPartOnly() {
        String huge = "2026-04-01" + "0".repeat(100_000);

        assertThatThrownBy(() -> FetchRange.parse(huge, null, TODAY, 366)).isInstanceOf(InvalidFetchRangeException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(120));
    }
}
