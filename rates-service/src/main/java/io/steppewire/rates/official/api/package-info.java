/** The official sources over HTTP: their state, and fetching now or for past dates. */
@NullMarked
package io.steppewire.rates.official.api;

import org.jspecify.annotations.NullMarked;
