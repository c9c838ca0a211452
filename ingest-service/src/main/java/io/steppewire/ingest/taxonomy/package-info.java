@NullMarked
package io.steppewire.ingest.taxonomy;

import org.jspecify.annotations.NullMarked;
