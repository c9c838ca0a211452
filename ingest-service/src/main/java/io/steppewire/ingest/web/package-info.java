@NullMarked
package io.steppewire.ingest.web;

import org.jspecify.annotations.NullMarked;
