@NullMarked
package io.steppewire.notify.subscription.query;

import org.jspecify.annotations.NullMarked;
