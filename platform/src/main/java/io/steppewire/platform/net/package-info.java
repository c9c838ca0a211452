/**
 * Where outbound calls (webhooks, news sources) may go: {@link io.steppewire.platform.net.OutboundAddressPolicy}
 * refuses URLs and addresses that reach into the network steppewire runs in, and
 * {@link io.steppewire.platform.net.CheckedResolver} resolves a host once and checks every answer, so the caller can
 * connect to exactly the addresses that passed. Pure JDK code: the HTTP client that uses it lives in
 * {@code io.steppewire.platform.net.http}.
 */
@NullMarked
package io.steppewire.platform.net;

import org.jspecify.annotations.NullMarked;
