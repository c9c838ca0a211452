/**
 * Fetches the official rates: each bank on a thread of its own, at its publication time in its own time zone, through
 * the platform's outbound client, and publishes what it reads to {@code fx.quotes.v1} through the quote writer the
 * HTTP intake uses. Keeps each source's state for {@code GET /api/rates/sources}.
 */
@NullMarked
package io.steppewire.rates.official.fetch;

import org.jspecify.annotations.NullMarked;
