@NullMarked
package io.steppewire.rates;

import org.jspecify.annotations.NullMarked;
