@NullMarked
package io.steppewire.platform.health;

import org.jspecify.annotations.NullMarked;
