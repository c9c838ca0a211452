@NullMarked
package io.steppewire.rates.quote.api;

import org.jspecify.annotations.NullMarked;
