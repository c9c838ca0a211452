@NullMarked
package io.steppewire.localstack;

import org.jspecify.annotations.NullMarked;
