package io.steppewire.platform.net;

import java.net.UnknownHostException;

/**
 * A URL or the addresses its host resolves to may not be called ({@link OutboundAddressPolicy}). Permanent: calling
 * again gives the same answer until the URL, its DNS or the allow-list changes, so a delivery should stop rather than
 * retry; catch it before {@link HostNotResolvedException} and other I/O failures, which are worth retrying.
 * <p>
 * An {@link UnknownHostException} because a resolver plugged into an HTTP client may throw only that; this way the
 * refusal leaves the client unchanged instead of wrapped.
 */
public class AddressRefusedException extends UnknownHostException {

    public AddressRefusedException(String message) {
        super(message);
    }
}
