/**
 * The articles and rate changes notify keeps for a while: window and divergence rules read past quotes from them, and
 * the backtest replays them. Bounded by a retention setting, indexed for the look-ups they serve.
 */
@NullMarked
package io.steppewire.notify.history;

import org.jspecify.annotations.NullMarked;
