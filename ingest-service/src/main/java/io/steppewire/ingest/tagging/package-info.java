@NullMarked
package io.steppewire.ingest.tagging;

import org.jspecify.annotations.NullMarked;
