@NullMarked
package io.steppewire.ingest.segmenter;

import org.jspecify.annotations.NullMarked;
