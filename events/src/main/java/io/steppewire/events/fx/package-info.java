@NullMarked
package io.steppewire.events.fx;

import org.jspecify.annotations.NullMarked;
