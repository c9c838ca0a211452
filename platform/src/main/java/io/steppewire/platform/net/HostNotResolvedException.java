package io.steppewire.platform.net;

import org.jspecify.annotations.Nullable;

import java.net.UnknownHostException;

/**
 * A host name gave no address. Retryable: the JDK reports a DNS outage ("Temporary failure in name resolution") and
 * a name that does not exist alike (and from its negative cache without any reason at all), and a name that does not
 * resolve today may after its owner fixes DNS; the caller's retry schedule bounds how long it keeps trying.
 */
public class HostNotResolvedException extends UnknownHostException {

    private final String host;

    public HostNotResolvedException(String host, @Nullable Throwable cause) {
        super("Host '" + host + "' did not resolve" + (cause == null || cause.getMessage() == null ? ""
                : " (" + cause.getMessage() + ")") + "; a DNS outage or a name not published yet, worth retrying later");
        this.host = host;
        initCause(cause);
    }

    public String host() {
        return host;
    }
}
