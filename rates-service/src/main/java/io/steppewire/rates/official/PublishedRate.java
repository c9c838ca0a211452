package io.steppewire.rates.official;

import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;

/**
 * One rate as a bank published it: {@code nominal} units of {@code currency} cost {@code value} of the bank's own
 * currency, e.g. 10 AMD = 12.72 KZT.
 *
 * @param currency the ISO 4217 code of the foreign currency
 * @param nominal  how many units the value is for: 1, 10, 100...
 * @param value    the price of {@code nominal} units, with the decimals the bank sets its rates to
 * @param change   the bank's own change of {@code value} since its previous publication, when it gives one
 */
public record PublishedRate(String currency, int nominal, BigDecimal value, @Nullable BigDecimal change) {
}
