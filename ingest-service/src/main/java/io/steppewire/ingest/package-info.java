@NullMarked
package io.steppewire.ingest;

import org.jspecify.annotations.NullMarked;
