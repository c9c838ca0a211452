@NullMarked
package io.steppewire.notify.delivery;

import org.jspecify.annotations.NullMarked;
