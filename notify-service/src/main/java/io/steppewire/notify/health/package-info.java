@NullMarked
package io.steppewire.notify.health;

import org.jspecify.annotations.NullMarked;
