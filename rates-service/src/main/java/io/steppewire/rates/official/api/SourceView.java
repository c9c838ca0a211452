package io.steppewire.rates.official.api;

import io.steppewire.rates.official.bank.CbtFixedRate;
import io.steppewire.rates.official.bank.DatedFormat;
import io.steppewire.rates.official.bank.LatestFormat;
import io.steppewire.rates.official.fetch.OfficialSource;
import io.steppewire.rates.official.fetch.SourceSetup;
import io.steppewire.rates.official.fetch.SourceState;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One official source as {@code GET /api/rates/sources} shows it: what it is, how it is configured, and how its
 * fetches went. The address is shown by its host only: the rest may name an internal mirror's layout.
 */
@Schema(description = "An official source: its bank, settings and the state of its fetches")
public record SourceView(
        @Schema(example = "nbk", description = "Also the source of every quote it publishes") String id,
        @Schema(example = "National Bank of Kazakhstan") String bank,
        @Schema(example = "KZT", description = "The bank's own currency, in which it prices every rate") String currency,
        @Schema(description = "dated: any past date can be fetched; latest: only the latest rates; fixed: a configured rate")
        String kind,
        boolean enabled,
        @Schema(example = "nationalbank.kz", description = "The host fetched from; absent for a fixed rate not checked")
        @Nullable String fetchesFrom,
        @Schema(example = "0 0 16,18 * * MON-FRI", description = "Cron, in the bank's zone; absent: fetched when asked only")
        @Nullable String schedule,
        @Schema(example = "Asia/Almaty") String zone,
        List<String> publicationDays,
        @Nullable Map<String, String> fixedRates,
        @Schema(description = "never-run, ok, no-new-rate, failed or disabled") String status,
        @Nullable Instant lastFetchAt,
        @Nullable String lastOutcome,
        @Nullable String lastError,
        @Nullable Instant lastErrorAt,
        @Schema(description = "The latest of the bank's own dates whose rates were published") @Nullable LocalDate lastPublishedDate,
        @Nullable Instant lastPublishedAt,
        int lastPublishedQuotes,
        @Nullable Instant nextRunAt,
        @Nullable Run running) {

    /** A fetch under way. */
    public record Run(LocalDate from, LocalDate to, int datesDone, int dates, boolean scheduled, Instant startedAt) {
    }

    static SourceView of(OfficialSource source) {
        SourceSetup setup = source.setup();
        SourceState state = source.state();
        URI url = setup.url();
        SourceState.Run run = state.running();
        return new SourceView(setup.id(), setup.format().bankName(), setup.format().homeCurrency(), kind(setup),
                setup.enabled(), url == null ? null : url.getHost(),
                setup.schedule() == null ? null : setup.schedule().toString(), setup.zone().getId(),
                setup.calendar().days().stream().sorted().map(DayOfWeek::name).toList(),
                setup.format() instanceof CbtFixedRate fixed ? fixedRates(fixed) : null,
                state.status().name().toLowerCase(Locale.ROOT).replace('_', '-'), state.lastFetchAt(), state.lastOutcome(),
                state.lastError(), state.lastErrorAt(), state.lastPublishedDate(), state.lastPublishedAt(),
                state.lastPublishedQuotes(), state.nextRunAt(),
                run == null ? null : new Run(run.from(), run.to(), run.datesDone(),
                        (int) run.from().datesUntil(run.to().plusDays(1)).count(), run.scheduled(), run.startedAt()));
    }

    private static String kind(SourceSetup setup) {
        return switch (setup.format()) {
            case DatedFormat dated -> "dated";
            case LatestFormat latest -> "latest";
            case CbtFixedRate fixed -> "fixed";
        };
    }

    private static Map<String, String> fixedRates(CbtFixedRate fixed) {
        Map<String, String> rates = new TreeMap<>();
        fixed.rates().forEach((currency, rate) -> rates.put(currency, rate.toPlainString()));
        return rates;
    }
}
