@NullMarked
package io.steppewire.article.store;

import org.jspecify.annotations.NullMarked;
