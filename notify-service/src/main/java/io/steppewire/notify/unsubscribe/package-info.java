/**
 * One-click unsubscribe (RFC 8058) for alert e-mails: signed links that pause a subscription without any key.
 */
@NullMarked
package io.steppewire.notify.unsubscribe;

import org.jspecify.annotations.NullMarked;
