@NullMarked
package io.steppewire.platform.kafka;

import org.jspecify.annotations.NullMarked;
