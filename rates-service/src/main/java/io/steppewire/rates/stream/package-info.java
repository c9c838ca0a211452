@NullMarked
package io.steppewire.rates.stream;

import org.jspecify.annotations.NullMarked;
