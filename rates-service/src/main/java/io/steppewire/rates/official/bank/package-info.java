/**
 * Each central bank's own published format, read into a {@link io.steppewire.rates.official.Publication}: the
 * National Bank of Kazakhstan's XML, the Central Bank of Uzbekistan's JSON, the National Bank of the Kyrgyz Republic's
 * daily XML, the National Bank of Tajikistan's XML export, and the Central Bank of Turkmenistan's fixed rate.
 */
@NullMarked
package io.steppewire.rates.official.bank;

import org.jspecify.annotations.NullMarked;
