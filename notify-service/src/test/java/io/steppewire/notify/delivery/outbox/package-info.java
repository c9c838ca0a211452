@NullMarked
package io.steppewire.notify.delivery.outbox;

import org.jspecify.annotations.NullMarked;
