@NullMarked
package io.steppewire.notify.stream;

import org.jspecify.annotations.NullMarked;
