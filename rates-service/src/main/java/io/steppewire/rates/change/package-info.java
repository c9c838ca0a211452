@NullMarked
package io.steppewire.rates.change;

import org.jspecify.annotations.NullMarked;
