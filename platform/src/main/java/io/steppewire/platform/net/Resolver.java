package io.steppewire.platform.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Resolves a host name to its addresses; a seam so tests can answer without DNS. */
@FunctionalInterface
public interface Resolver {

    /** @throws UnknownHostException when the name gives no answer, for whatever reason */
    InetAddress[] resolve(String host) throws UnknownHostException;

    /** The operating system's resolver, through the JDK (and its cache). */
    static Resolver system() {
        return InetAddress::getAllByName;
    }
}
