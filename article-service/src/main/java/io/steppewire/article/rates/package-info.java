@NullMarked
package io.steppewire.article.rates;

import org.jspecify.annotations.NullMarked;
