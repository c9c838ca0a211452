package io.steppewire.rates.official.fetch;

import io.steppewire.events.SaneDecimals;
import io.steppewire.rates.official.PublicationCalendar;
import io.steppewire.rates.official.bank.BankFormat;
import io.steppewire.rates.official.bank.CbtFixedRate;
import io.steppewire.rates.official.bank.CbuRates;
import io.steppewire.rates.official.bank.NbkRates;
import io.steppewire.rates.official.bank.NbkrRates;
import io.steppewire.rates.official.bank.NbtRates;
import io.steppewire.rates.settings.RatesSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.support.CronExpression;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns {@code steppewire.rates.sources.*} into checked setups, refusing to start on a setting that is wrong (an
 * unknown source, a zone or schedule that does not parse, an address that is no http(s) URL) and naming it: a mistake
 * there would otherwise show only as a source that never fetches.
 */
final class SourceSettings {

    /** The sources, in the order they are listed; {@code cbt} is built from its settings. */
    static final List<String> IDS = List.of("nbk", "cbu", "nbkr", "nbt", "cbt");
    private static final long MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

    static List<SourceSetup> setups(Map<String, RatesSettings.OfficialSource> configured) {
        Set<String> unknown = new HashSet<>(configured.keySet());
        IDS.forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("steppewire.rates.sources." + unknown.stream().sorted().toList().getFirst()
                    + " is no official source; there are " + String.join(", ", IDS));
        }
        List<SourceSetup> setups = new ArrayList<>();
        for (String id : IDS) {
            RatesSettings.OfficialSource settings = configured.get(id);
            if (settings == null) {
                throw new IllegalStateException("steppewire.rates.sources." + id + " is missing; the service's"
                        + " application.yaml sets every source (switch one off with enabled: false)");
            }
            setups.add(setup(id, settings));
        }
        return setups;
    }

    private static SourceSetup setup(String id, RatesSettings.OfficialSource settings) {
        String prefix = "steppewire.rates.sources." + id + ".";
        BankFormat format = format(id, settings, prefix);
        URI url = url(settings.url(), prefix + "url");
        if (url == null && !(format instanceof CbtFixedRate) && settings.enabled()) {
            throw new IllegalStateException(prefix + "url is required: where " + format.bankName() + " publishes its rates");
        }
        ZoneId zone = parsed(settings.zone(), prefix + "zone", ZoneId::of, "a time zone such as Asia/Almaty");
        CronExpression schedule = settings.schedule().strip().equals("-") ? null
                : parsed(settings.schedule(), prefix + "schedule", CronExpression::parse,
                "a cron expression of six fields (second minute hour day month weekday) or - for none");
        List<LocalDate> holidays = settings.holidays().stream()
                .map(day -> parsed(day, prefix + "holidays", LocalDate::parse, "dates such as 2026-03-21")).toList();
        long maxResponseSize = settings.maxResponseSize().toBytes();
        if (maxResponseSize < 1 || maxResponseSize > MAX_RESPONSE_BYTES) {
            throw new IllegalStateException(prefix + "max-response-size must be from 1B to 16MB, got " + settings.maxResponseSize());
        }
        return new SourceSetup(format, settings.enabled(), url, zone, schedule,
                new PublicationCalendar(Set.copyOf(settings.publicationDays()), Set.copyOf(holidays)), maxResponseSize);
    }

    private static BankFormat format(String id, RatesSettings.OfficialSource settings, String prefix) {
        if (!id.equals("cbt") && (!settings.fixedRates().isEmpty() || settings.fixedSince() != null)) {
            throw new IllegalStateException(prefix + "fixed-rates and fixed-since are for a fixed rate (cbt) only");
        }
        return switch (id) {
            case "nbk" -> new NbkRates();
            case "cbu" -> new CbuRates();
            case "nbkr" -> new NbkrRates();
            case "nbt" -> new NbtRates();
            case "cbt" -> fixedRate(settings, prefix);
            default -> throw new IllegalStateException("steppewire.rates.sources." + id + " is no official source");
        };
    }

    private static CbtFixedRate fixedRate(RatesSettings.OfficialSource settings, String prefix) {
        if (settings.fixedRates().isEmpty() || settings.fixedSince() == null) {
            throw new IllegalStateException(prefix + "fixed-rates and fixed-since are required, e.g. fixed-rates.USD: \"3.50\""
                    + " and fixed-since: 2015-01-01");
        }
        Map<String, BigDecimal> rates = new TreeMap<>();
        // A key set through the environment arrives in lower case (usd) beside the shipped one (USD): it is read last, so
        // it wins, as the environment does over the shipped settings everywhere else.
        List<Map.Entry<String, String>> entries = settings.fixedRates().entrySet().stream()
                .sorted(Comparator.comparing(entry -> entry.getKey().equals(entry.getKey().toLowerCase(Locale.ROOT))))
                .toList();
        for (Map.Entry<String, String> entry : entries) {
            String currency = entry.getKey().strip().toUpperCase(Locale.ROOT);
            if (currency.length() != 3 || !currency.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
                throw new IllegalStateException(prefix + "fixed-rates." + entry.getKey() + ": the key must be an ISO 4217 code");
            }
            BigDecimal rate = parsed(entry.getValue(), prefix + "fixed-rates." + currency,
                    text -> SaneDecimals.rate(SaneDecimals.parse(text.strip(), "rate"), "rate"), "a rate such as \"3.50\"");
            rates.put(currency, rate);
        }
        return new CbtFixedRate(rates, parsed(settings.fixedSince(), prefix + "fixed-since", LocalDate::parse,
                "a date such as 2015-01-01"));
    }

    private static @Nullable URI url(@Nullable String text, String property) {
        if (text == null || text.isBlank()) {
            return null;
        }
        URI url;
        try {
            url = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(property + " is not a URL: " + e.getMessage(), e);
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null || url.getRawUserInfo() != null) {
            throw new IllegalStateException(property + " must be an http:// or https:// URL with a host and no user name,"
                    + " got " + text);
        }
        return url;
    }

    private static <T> T parsed(String text, String property, Function<String, T> parse, String expected) {
        try {
            return parse.apply(text.strip());
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new IllegalStateException(property + " must be " + expected + ", got '" + text + "'", e);
        }
    }

    private SourceSettings() {
    }
}
