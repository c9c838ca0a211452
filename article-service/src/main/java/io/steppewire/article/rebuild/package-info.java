@NullMarked
package io.steppewire.article.rebuild;

import org.jspecify.annotations.NullMarked;
