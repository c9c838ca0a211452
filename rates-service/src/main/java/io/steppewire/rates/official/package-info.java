/**
 * Official central-bank rates as plain data and rules, free of frameworks: what a bank published for a date
 * ({@link io.steppewire.rates.official.Publication}), how its numbers read (nominal units, comma decimals), which
 * days it publishes on, which date ranges may be fetched, and how a publication becomes quotes. The banks' formats
 * are read in {@code official.bank}; fetching, scheduling and state live in {@code official.fetch}.
 */
@NullMarked
package io.steppewire.rates.official;

import org.jspecify.annotations.NullMarked;
