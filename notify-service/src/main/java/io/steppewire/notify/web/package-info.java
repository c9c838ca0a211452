@NullMarked
package io.steppewire.notify.web;

import org.jspecify.annotations.NullMarked;
