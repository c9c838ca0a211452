@NullMarked
package io.steppewire.notify.subscription.store;

import org.jspecify.annotations.NullMarked;
