package io.steppewire.platform.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Answers lookups from a script, one answer per lookup, and records every host it was asked about. */
public final class FakeResolver implements Resolver {

    private final Deque<Object> answers = new ArrayDeque<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();

    /** The next lookup answers these addresses. */
    public synchronized FakeResolver thenAnswer(String... literals) {
        answers.add(java.util.Arrays.stream(literals).map(InetAddress::ofLiteral).toArray(InetAddress[]::new));
        return this;
    }

    /** The next lookup fails the way the JDK reports a DNS outage. */
    public synchronized FakeResolver thenFailTemporarily() {
        answers.add(new UnknownHostException("Temporary failure in name resolution"));
        return this;
    }

    @Override
    public synchronized InetAddress[] resolve(String host) throws UnknownHostException {
        asked.add(host);
        Object next = answers.size() > 1 ? answers.poll() : answers.peek();
        if (next == null) {
            throw new UnknownHostException(host + ": no answer scripted");
        }
        if (next instanceof UnknownHostException failure) {
            throw failure;
        }
        return ((InetAddress[]) next).clone();
    }

    /** Every host looked up, in order. */
    public List<String> asked() {
        return List.copyOf(asked);
    }
}
