@NullMarked
package io.steppewire.events;

import org.jspecify.annotations.NullMarked;
