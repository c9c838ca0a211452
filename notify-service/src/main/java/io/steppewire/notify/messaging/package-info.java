@NullMarked
package io.steppewire.notify.messaging;

import org.jspecify.annotations.NullMarked;
