/**
 * Outbound HTTP through Apache HttpClient 5 whose connections go to exactly the addresses the
 * {@link io.steppewire.platform.net.OutboundAddressPolicy} passed ({@link io.steppewire.platform.net.http.PolicyDnsResolver}),
 * with timeouts, a deadline for the whole exchange, a bound on the response body and no redirects followed
 * ({@link io.steppewire.platform.net.http.OutboundHttp}); configured from {@code steppewire.outbound.*}.
 */
@NullMarked
package io.steppewire.platform.net.http;

import org.jspecify.annotations.NullMarked;
