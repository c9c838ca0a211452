/**
 * Subscriber keys: issued and revoked with the admin key, stored only as hashes, and recognised on every
 * request through a short-lived cache, so a revocation holds on every instance within two seconds.
 */
@NullMarked
package io.steppewire.notify.keys;

import org.jspecify.annotations.NullMarked;
