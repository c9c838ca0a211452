@NullMarked
package io.steppewire.rates.web;

import org.jspecify.annotations.NullMarked;
