package io.steppewire.platform.web;

import io.steppewire.platform.problem.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.io.IOException;
import java.util.List;

/**
 * Refuses request bodies over their endpoint's limit with 413: at once when the declared length says so,
 * or as soon as the bytes read pass it (chunked bodies). Tomcat then reads and discards the rest up to its
 * swallow size (set above the largest limit), so a client that sends the whole body before reading, as
 * most do, still reads the 413 instead of a reset connection.
 */
public final class BodyLimitFilter extends OncePerRequestFilter {

    private record Rule(PathPattern pattern, long limit) {
    }

    private final long defaultLimit;
    private final List<Rule> rules;
    private final ProblemWriter problems;

    public BodyLimitFilter(long defaultLimit, List<BodyLimit> limits, ProblemWriter problems) {
        this.defaultLimit = defaultLimit;
        this.rules = limits.stream()
                .map(l -> new Rule(PathPatternParser.defaultInstance.parse(l.pathPattern()), l.limit().toBytes())).toList();
        this.problems = problems;
    }

    /** The largest body any endpoint accepts. */
    public long largestLimit() {
        return rules.stream().mapToLong(Rule::limit).reduce(defaultLimit, Math::max);
    }

    long limitFor(HttpServletRequest request) {
        if (rules.isEmpty()) {
            return defaultLimit;
        }
        PathContainer path = PathContainer.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
        return rules.stream().filter(r -> r.pattern().matches(path)).mapToLong(Rule::limit).findFirst().orElse(defaultLimit);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request);
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            problems.write(request, response, BodyTooLargeException.problem(limit));
            return;
        }
        chain.doFilter(declared >= 0 ? request : new Limited(request, limit), response);
    }

    /** Counts the bytes of a body of undeclared length and fails the read that passes the limit. */
    private static final class Limited extends HttpServletRequestWrapper {

        private final long limit;
        private @Nullable ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long limit;
        private long read;

        CountingStream(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
