@NullMarked
package io.steppewire.platform.security;

import org.jspecify.annotations.NullMarked;
