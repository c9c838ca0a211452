package io.steppewire.platform.net.http;

import java.io.IOException;

/** The response body grew past the limit the caller set; the connection was dropped rather than read to its end. */
public class ResponseTooLargeException extends IOException {

    private final int status;
    private final long limitBytes;

    public ResponseTooLargeException(int status, long limitBytes) {
        super("The response (HTTP " + status + ") has a body larger than " + limitBytes + " bytes, the most accepted");
        this.status = status;
        this.limitBytes = limitBytes;
    }

    /** The status the response had, for callers that care about it even so. */
    public int status() {
        return status;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
