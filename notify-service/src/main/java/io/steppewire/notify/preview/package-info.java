/**
 * The backtest: what a subscription's rules would have raised over the stored history, answered before it is saved.
 */
@NullMarked
package io.steppewire.notify.preview;

import org.jspecify.annotations.NullMarked;
