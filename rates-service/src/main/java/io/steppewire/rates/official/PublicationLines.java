package io.steppewire.rates.official;

import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the lines of one publication as a bank's format reads them, with the same rules for every bank. A line the
 * bank published without a usable rate (no rate, a zero, a code that is not ISO 4217, a nominal that is not a power of
 * ten, the bank's own currency) is left out with its reason; a line whose numbers cannot be read, or a currency given
 * twice, makes the whole publication malformed, since the format is then not what the bank publishes.
 */
public final class PublicationLines {

    /** Reasons kept for the state page; the rest are counted. */
    private static final int MAX_REASONS = 20;

    private final String homeCurrency;
    private final int bankDecimals;
    private final List<PublishedRate> rates = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private int unlisted;

    /**
     * @param homeCurrency the bank's own currency, the one every rate is priced in
     * @param bankDecimals the decimals the bank sets its rates to; a rate written with fewer (a dropped trailing zero)
     *                     is taken to have these
     */
    public PublicationLines(String homeCurrency, int bankDecimals) {
        this.homeCurrency = homeCurrency;
        this.bankDecimals = bankDecimals;
    }

    /**
     * @throws MalformedPublicationException when the nominal, the rate or the change cannot be read, or the currency
     *                                       was given before
     */
    public void add(@Nullable String code, @Nullable String nominalText, @Nullable String valueText,
                    @Nullable String changeText) {
        String currency = code == null ? "" : code.strip();
        if (!isCurrencyCode(currency)) {
            skip("a line without an ISO 4217 currency code ('" + BankNumbers.shown(currency) + "')");
            return;
        }
        if (!seen.add(currency)) {
            throw new MalformedPublicationException(currency + " is published twice");
        }
        if (currency.equals(homeCurrency)) {
            skip(currency + ": the bank's own currency");
            return;
        }
        if (nominalText == null) {
            throw new MalformedPublicationException(currency + " has no nominal (the number of units its rate is for)");
        }
        int nominal = BankNumbers.nominal(nominalText, currency + " nominal");
        if (valueText == null || valueText.isBlank()) {
            skip(currency + ": no rate published");
            return;
        }
        BigDecimal value = BankNumbers.decimal(valueText, currency + " rate");
        BigDecimal change = changeText == null || changeText.isBlank() ? null : BankNumbers.decimal(changeText, currency + " change");
        if (value.signum() <= 0) {
            skip(currency + ": rate " + value.toPlainString() + " published (no rate)");
            return;
        }
        if (!isPowerOfTen(nominal)) {
            skip(currency + ": a rate per " + nominal + " units cannot keep its published precision per unit");
            return;
        }
        rates.add(new PublishedRate(currency, nominal, BankNumbers.atLeastDecimals(value, bankDecimals), change));
    }

    public Publication on(LocalDate date) {
        List<String> reasons = new ArrayList<>(skipped);
        if (unlisted > 0) {
            reasons.add("and " + unlisted + " more");
        }
        return new Publication(date, rates, reasons);
    }

    private void skip(String reason) {
        if (skipped.size() < MAX_REASONS) {
            skipped.add(reason);
        } else {
            unlisted++;
        }
    }

    private static boolean isCurrencyCode(String text) {
        return text.length() == 3 && text.chars().allMatch(c -> c >= 'A' && c <= 'Z');
    }

    private static boolean isPowerOfTen(int nominal) {
        int rest = nominal;
        while (rest % 10 == 0) {
            rest /= 10;
        }
        return rest == 1;
    }
}
