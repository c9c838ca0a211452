package io.steppewire.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;

import java.io.IOException;

/** A request body passed its limit while being read; an {@link IOException} so that it surfaces through any reader. */
public class BodyTooLargeException extends IOException {

    private final long limitBytes;

    public BodyTooLargeException(long limitBytes) {
        super("The request body is larger than " + describe(limitBytes));
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }

    public static ProblemDetail problem(long limitBytes) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "The request body is larger than this endpoint accepts (" + describe(limitBytes)
                        + "). Nothing of it was processed; send a smaller body, or split it into several requests.");
        problem.setTitle("Request body too large");
        problem.setProperty("limitBytes", limitBytes);
        return problem;
    }

    static String describe(long bytes) {
        if (bytes >= DataSize.ofMegabytes(1).toBytes() && bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
            return DataSize.ofBytes(bytes).toMegabytes() + " MB";
        }
        if (bytes >= DataSize.ofKilobytes(1).toBytes() && bytes % DataSize.ofKilobytes(1).toBytes() == 0) {
            return DataSize.ofBytes(bytes).toKilobytes() + " KiB";
        }
        return bytes + " bytes";
    }
}
