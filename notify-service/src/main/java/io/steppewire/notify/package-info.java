@NullMarked
package io.steppewire.notify;

import org.jspecify.annotations.NullMarked;
