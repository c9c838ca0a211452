@NullMarked
package io.steppewire.ingest.pages;

import org.jspecify.annotations.NullMarked;
