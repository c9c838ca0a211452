@NullMarked
package io.steppewire.notify.matching;

import org.jspecify.annotations.NullMarked;
