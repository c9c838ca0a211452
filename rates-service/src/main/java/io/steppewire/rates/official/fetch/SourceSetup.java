package io.steppewire.rates.official.fetch;

import io.steppewire.rates.official.PublicationCalendar;
import io.steppewire.rates.official.bank.BankFormat;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.support.CronExpression;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * One official source as configured, checked when the service starts.
 *
 * @param format          the bank and how its rates are read
 * @param enabled         false: never fetched
 * @param url             where the bank publishes; absent only for a fixed rate whose page is not checked
 * @param zone            the bank's time zone
 * @param schedule        when to fetch, in the bank's zone; absent for fetches asked for only
 * @param calendar        the days the bank sets a rate
 * @param maxResponseSize the largest answer read, in bytes
 */
public record SourceSetup(BankFormat format, boolean enabled, @Nullable URI url, ZoneId zone, @Nullable CronExpression schedule,
                          PublicationCalendar calendar, long maxResponseSize) {

    public String id() {
        return format.id();
    }

    /** The next scheduled fetch after {@code now}, or empty when the source is not scheduled. */
    public Optional<Instant> nextRunAfter(Instant now) {
        if (!enabled || schedule == null) {
            return Optional.empty();
        }
        ZonedDateTime next = schedule.next(now.atZone(zone));
        return Optional.ofNullable(next).map(ZonedDateTime::toInstant);
    }
}
