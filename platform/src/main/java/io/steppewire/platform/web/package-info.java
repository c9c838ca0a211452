@NullMarked
package io.steppewire.platform.web;

import org.jspecify.annotations.NullMarked;
