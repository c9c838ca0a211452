@NullMarked
package io.steppewire.rates.kafka;

import org.jspecify.annotations.NullMarked;
