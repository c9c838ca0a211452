package io.steppewire.rates.official.bank;

import io.steppewire.rates.official.MalformedPublicationException;
import io.steppewire.rates.official.Publication;
import io.steppewire.rates.official.PublicationLines;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

/**
 * The Central Bank of Uzbekistan's official rates of the sum. Its address takes the date as a path segment
 * ({@code /uz/arkhiv-kursov-valyut/json/all/2026-04-01/}) and answers a JSON array, one object per currency:
 * <pre>{@code
 * [{"id":69,"Code":"840","Ccy":"USD","CcyNm_RU":"Доллар США","CcyNm_UZ":"AQSH dollari","CcyNm_UZC":"АҚШ доллари",
 *   "CcyNm_EN":"US Dollar","Nominal":"1","Rate":"12194.21","Diff":"-16.5","Date":"01.04.2026"}, ...]
 * }</pre>
 * {@code Rate} is the price of {@code Nominal} units in sum, {@code Diff} its change since the previous publication,
 * all as strings. Rates are set to two decimals. Every object carries the date; they must agree.
 */
public final class CbuRates implements DatedFormat {

    private static final String BANK = "the Central Bank of Uzbekistan";
    private static final int RATE_DECIMALS = 2;
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    @Override
    public String id() {
        return "cbu";
    }

    @Override
    public String bankName() {
        return "Central Bank of Uzbekistan";
    }

    @Override
    public String homeCurrency() {
        return "UZS";
    }

    @Override
    public String accept() {
        return "application/json";
    }

    @Override
    public URI addressFor(URI base, LocalDate date) {
        return BankDates.withPathSegment(base, date.toString());
    }

    @Override
    public Publication parse(byte[] body, LocalDate requested) {
        JsonNode rows;
        try {
            rows = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new MalformedPublicationException("the answer is not JSON as " + BANK + " publishes it: "
                    + e.getOriginalMessage(), e);
        }
        if (rows == null || !rows.isArray()) {
            throw new MalformedPublicationException("the answer is not a JSON array of rates as " + BANK + " publishes it");
        }
        if (rows.isEmpty()) {
            return new Publication(requested, List.of(), List.of());
        }
        PublicationLines lines = new PublicationLines(homeCurrency(), RATE_DECIMALS);
        LocalDate date = null;
        for (JsonNode row : rows.values()) {
            if (!row.isObject()) {
                throw new MalformedPublicationException("the array holds " + row.getNodeType() + " where " + BANK
                        + " publishes an object per currency");
            }
            LocalDate rowDate = BankDates.parse(text(row, "Date"), "\"Date\"", BANK, BankDates.DAY_MONTH_YEAR);
            if (date != null && !date.equals(rowDate)) {
                throw new MalformedPublicationException("the answer mixes the rates of " + date + " and " + rowDate);
            }
            date = rowDate;
            lines.add(text(row, "Ccy"), text(row, "Nominal"), text(row, "Rate"), text(row, "Diff"));
        }
        return lines.on(date);
    }

    /** A field the bank writes as a string; a number or anything else there is not its format. */
    private static @Nullable String text(JsonNode row, String field) {
        JsonNode value = row.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new MalformedPublicationException("\"" + field + "\" is " + value.getNodeType() + ", where " + BANK
                    + " writes a string");
        }
        return value.stringValue();
    }
}
