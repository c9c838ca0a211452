@NullMarked
package io.steppewire.events.alert;

import org.jspecify.annotations.NullMarked;
