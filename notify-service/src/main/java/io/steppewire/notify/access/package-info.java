/** Who may call which endpoint of notify-service: the rules the platform's security applies before its defaults. */
@NullMarked
package io.steppewire.notify.access;

import org.jspecify.annotations.NullMarked;
