@NullMarked
package io.steppewire.query;

import org.jspecify.annotations.NullMarked;
