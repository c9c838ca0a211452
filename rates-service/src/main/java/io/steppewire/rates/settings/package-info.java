@NullMarked
package io.steppewire.rates.settings;

import org.jspecify.annotations.NullMarked;
