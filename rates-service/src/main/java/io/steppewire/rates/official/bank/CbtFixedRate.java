package io.steppewire.rates.official.bank;

import io.steppewire.rates.official.Publication;
import io.steppewire.rates.official.PublicationLines;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Central Bank of Turkmenistan's official rate of the manat, which it holds fixed (3.50 manat to the dollar since
 * 1 January 2015). The bank offers no machine-readable feed, so the rate is configured, with the date it holds from,
 * and published for every publication day from then on. When the bank's rates page is configured too, every fetch
 * reads it and refuses to publish unless it still shows each configured rate: a row that names the currency's code
 * and holds a number equal to the rate ({@code 3.50}, {@code 3,5000} and {@code 3.5} are equal). A devaluation then
 * shows up as a failed fetch, not as months of a stale rate.
 */
public final class CbtFixedRate implements BankFormat {

    private static final Pattern NUMBER = Pattern.compile("\\d{1,15}(?:[.,]\\d{1,15})?");
    private static final Pattern TAG = Pattern.compile("<[^<>]{0,2000}>");
    private static final Pattern CODE = Pattern.compile("\\b[A-Z]{3}\\b");
    /** Rows read from the page; a page of rates has a few dozen. */
    private static final int MAX_ROWS = 5_000;

    private final Map<String, BigDecimal> rates;
    private final LocalDate since;

    /**
     * @param rates manat per one unit of each currency, with the decimals the bank publishes
     * @param since the first date the rates hold
     */
    public CbtFixedRate(Map<String, BigDecimal> rates, LocalDate since) {
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("A fixed rate needs at least one currency, e.g. USD: \"3.50\"");
        }
        this.rates = new TreeMap<>(rates);
        this.since = since;
    }

    @Override
    public String id() {
        return "cbt";
    }

    @Override
    public String bankName() {
        return "Central Bank of Turkmenistan";
    }

    @Override
    public String homeCurrency() {
        return "TMT";
    }

    @Override
    public String accept() {
        return "text/html, application/xhtml+xml;q=0.9";
    }

    public Map<String, BigDecimal> rates() {
        return rates;
    }

    public LocalDate since() {
        return since;
    }

    /** The fixed rates as published on that date; none before they held. */
    public Publication on(LocalDate date) {
        PublicationLines lines = new PublicationLines(homeCurrency(), 0);
        if (!date.isBefore(since)) {
            rates.forEach((currency, rate) -> lines.add(currency, "1", rate.toPlainString(), null));
        }
        return lines.on(date);
    }

    /** Why the bank's page does not bear out the configured rates, or empty when it shows every one of them. */
    public Optional<String> contradictionIn(byte[] page) {
        List<String> rows = rows(new String(page, StandardCharsets.UTF_8));
        List<String> problems = new ArrayList<>();
        rates.forEach((currency, rate) -> {
            List<String> rowsOfCurrency = rows.stream().filter(row -> names(row, currency)).toList();
            if (rowsOfCurrency.isEmpty()) {
                problems.add("the page shows no row for " + currency);
            } else if (rowsOfCurrency.stream().noneMatch(row -> holds(row, rate))) {
                problems.add("the page no longer shows " + currency + " at " + rate.toPlainString());
            }
        });
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems)
                + ": the fixed rate may have changed; check the page and steppewire.rates.sources.cbt.fixed-rates");
    }

    /** The text of each table row, tags removed; found by plain searching, so a page of any shape costs linear time. */
    private static List<String> rows(String html) {
        String lower = html.toLowerCase(Locale.ROOT);
        List<String> rows = new ArrayList<>();
        int from = 0;
        while (rows.size() < MAX_ROWS) {
            int start = lower.indexOf("<tr", from);
            if (start < 0) {
                break;
            }
            int end = lower.indexOf("</tr", start);
            int stop = end < 0 ? html.length() : end;
            rows.add(TAG.matcher(html.substring(start, stop)).replaceAll(" "));
            if (end < 0) {
                break;
            }
            from = end;
        }
        return rows;
    }

    private static boolean names(String row, String currency) {
        Matcher codes = CODE.matcher(row);
        while (codes.find()) {
            if (codes.group().equals(currency)) {
                return true;
            }
        }
        return false;
    }

    private static boolean holds(String row, BigDecimal rate) {
        Matcher numbers = NUMBER.matcher(row);
        while (numbers.find()) {
            if (new BigDecimal(numbers.group().replace(',', '.')).compareTo(rate) == 0) {
                return true;
            }
        }
        return false;
    }
}
