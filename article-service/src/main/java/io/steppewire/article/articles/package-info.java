@NullMarked
package io.steppewire.article.articles;

import org.jspecify.annotations.NullMarked;
