/** Character rules that the segmenter, the tagger and the HTML extraction share. Pure Java. */
@NullMarked
package io.steppewire.ingest.text;

import org.jspecify.annotations.NullMarked;
