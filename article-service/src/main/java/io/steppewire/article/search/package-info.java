@NullMarked
package io.steppewire.article.search;

import org.jspecify.annotations.NullMarked;
