@NullMarked
package io.steppewire.notify.subscription.api;

import org.jspecify.annotations.NullMarked;
