package io.steppewire.ingest.extraction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class PublishedTimesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "2026-03-14T09:30:00Z | 2026-03-14T09:30:00Z",
            "2026-03-14T14:30:00+05:00 | 2026-03-14T09:30:00Z",
            "2026-03-14T14:30:00+0500 | 2026-03-14T09:30:00Z",
            "2026-03-14T14:30+05 | 2026-03-14T09:30:00Z",
            "2026-03-14T14:30:00.250+05:00 | 2026-03-14T09:30:00.250Z",
            "2026-03-14 14:30:00 +05:00 | 2026-03-14T09:30:00Z",
            "2026-03-14T14:30:00+05:00[Asia/Almaty] | 2026-03-14T09:30:00Z",
            "2026-03-14T09:30:00 | 2026-03-14T09:30:00Z",
            "2026-03-14 | 2026-03-14T00:00:00Z",
            "2026-03-14 09:30 UTC | 2026-03-14T09:30:00Z",
            "2026-03-14T15:30:00 KGT | 2026-03-14T09:30:00Z",
            "Sat, 14 Mar 2026 14:30:00 +0500 | 2026-03-14T09:30:00Z",
            "Sat, 14 Mar 2026 09:30:00 GMT | 2026-03-14T09:30:00Z",
            "1773480600 | 2026-03-14T09:30:00Z",
            "1773480600000 | 2026-03-14T09:30:00Z",
            "14 March 2026, 09:30 | 2026-03-14T09:30:00Z",
            "Saturday, 14 March 2026 | 2026-03-14T00:00:00Z",
            "14 марта 2026, 15:30 (GMT+6) | 2026-03-14T09:30:00Z",
            "14 марта 2026 г. | 2026-03-14T00:00:00Z",
            "March 14, 2026 at 2:30 PM ALMT | 2026-03-14T09:30:00Z",
            "Mar 14th, 2026 9:30 am | 2026-03-14T09:30:00Z",
            "14.03.2026 14:30 GMT+5 | 2026-03-14T09:30:00Z",
            "14/03/2026 09:30 UTC+05:00 | 2026-03-14T04:30:00Z",
            "03/14/2026 | 2026-03-14T00:00:00Z",
            "14\u00a0March\u00a02026,\u202f09:30 | 2026-03-14T09:30:00Z"})
    void readsEveryTimezoneFormPagesWrite(String written, String expected) {
        assertThat(PublishedTimes.parse(written)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "yesterday", "5 min ago", "2026-13-40", "31 February 2026", "12:40", "KZT/USD 0.00201",
            "Posted in Economy", "9999999"})
    void returnsNothingForTextThatNamesNoTime(String written) {
        assertThat(PublishedTimes.parse(written)).isNull();
    }

    @Test
    void takesTheCalendarDateAsWrittenForADateLine() {
        assertThat(PublishedTimes.localDate("2026-03-13T23:30:00+05:00")).isEqualTo(LocalDate.of(2026, 3, 13));
        assertThat(PublishedTimes.localDate("13 March 2026")).isEqualTo(LocalDate.of(2026, 3, 13));
    }
}
