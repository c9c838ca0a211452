package io.steppewire.platform.net.http;

import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * The exchange (connecting, sending, waiting and reading the whole body) did not finish within its deadline and was
 * aborted. Retryable. Per-read timeouts alone would let a peer that sends a byte now and then hold a call forever.
 */
public class ExchangeDeadlineExceededException extends InterruptedIOException {

    private final Duration deadline;

    public ExchangeDeadlineExceededException(Duration deadline, Throwable cause) {
        super("No complete answer within " + deadline + "; the exchange was aborted");
        this.deadline = deadline;
        initCause(cause);
    }

    public Duration deadline() {
        return deadline;
    }
}
