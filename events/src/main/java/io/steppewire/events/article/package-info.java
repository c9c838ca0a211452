@NullMarked
package io.steppewire.events.article;

import org.jspecify.annotations.NullMarked;
