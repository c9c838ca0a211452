/**
 * Writes checked quotes to {@code fx.quotes.v1} in Kafka transactions: the one writer of both quote intakes, the
 * HTTP API ({@code quote.api}) and the official central-bank rates ({@code official.fetch}).
 */
@NullMarked
package io.steppewire.rates.quote.publish;

import org.jspecify.annotations.NullMarked;
