@NullMarked
package io.steppewire.notify.subscription;

import org.jspecify.annotations.NullMarked;
