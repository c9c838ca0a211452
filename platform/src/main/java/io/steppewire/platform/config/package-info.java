@NullMarked
package io.steppewire.platform.config;

import org.jspecify.annotations.NullMarked;
