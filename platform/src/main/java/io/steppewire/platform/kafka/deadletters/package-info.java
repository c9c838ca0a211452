/** Dead letters an operator can read and send back to their topic once the cause is fixed. */
@NullMarked
package io.steppewire.platform.kafka.deadletters;

import org.jspecify.annotations.NullMarked;
