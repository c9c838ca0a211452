@NullMarked
package io.steppewire.article.web;

import org.jspecify.annotations.NullMarked;
