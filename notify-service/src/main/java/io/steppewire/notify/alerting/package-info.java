@NullMarked
package io.steppewire.notify.alerting;

import org.jspecify.annotations.NullMarked;
