@NullMarked
package io.steppewire.rates.quote;

import org.jspecify.annotations.NullMarked;
