/** Benchmarks: classes with a {@code main}, never run by Surefire. */
@NullMarked
package io.steppewire.notify.bench;

import org.jspecify.annotations.NullMarked;
