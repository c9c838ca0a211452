package io.steppewire.localstack.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs event {@code n} of {@code events} at {@code start + n / perSecond} on sender {@code n % senders}: each sender
 * sends its own events one after another, so events of one sender (one quote source) arrive in order, and a slow
 * answer delays only that sender's later events.
 */
final class Pacer {

    interface Event {
        /** @param sender which sender sends it, from 0 */
        void send(int n, int sender) throws Exception;
    }

    private Pacer() {
    }

    /** Returns when every sender has sent its last event and had its answer. */
    static void run(String name, int events, double perSecond, int senders, Event event) throws InterruptedException {
        long start = System.nanoTime();
        double interval = 1e9 / perSecond;
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            threads.add(Thread.ofPlatform().name(name + "-" + s).start(() -> {
                for (int n = sender; n < events; n += senders) {
                    LockSupport.parkNanos(start + (long) (n * interval) - System.nanoTime());
                    try {
                        event.send(n, sender);
                    } catch (Exception e) {
                        System.out.println(name + " event " + n + " failed: " + e);
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
