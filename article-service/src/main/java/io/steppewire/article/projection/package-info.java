@NullMarked
package io.steppewire.article.projection;

import org.jspecify.annotations.NullMarked;
