@NullMarked
package io.steppewire.article;

import org.jspecify.annotations.NullMarked;
