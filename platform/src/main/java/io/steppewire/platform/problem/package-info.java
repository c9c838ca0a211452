@NullMarked
package io.steppewire.platform.problem;

import org.jspecify.annotations.NullMarked;
