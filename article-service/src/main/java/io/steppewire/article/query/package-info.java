@NullMarked
package io.steppewire.article.query;

import org.jspecify.annotations.NullMarked;
