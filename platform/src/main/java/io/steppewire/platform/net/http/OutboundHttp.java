package io.steppewire.platform.net.http;

import io.steppewire.platform.net.AddressRefusedException;
import io.steppewire.platform.net.CheckedResolver;
import io.steppewire.platform.net.HostNotResolvedException;
import io.steppewire.platform.net.OutboundAddressPolicy;
import io.steppewire.platform.net.Resolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Calls out of steppewire (webhooks, news sources) with Apache HttpClient 5, so that a URL cannot make us reach into
 * our own network and a slow or endless peer cannot hold a thread:
 * <ul>
 * <li>the URL's form is checked ({@link OutboundAddressPolicy#refusal(java.net.URI)}), and each new connection resolves
 * its host once through {@link PolicyDnsResolver} and connects to exactly the addresses that passed;</li>
 * <li>connect and per-read timeouts, plus a deadline for the whole exchange including the body;</li>
 * <li>the body is read up to a limit, and the connection dropped rather than drained past it;</li>
 * <li><b>redirects are not followed</b>: a 3xx comes back as it is ({@link OutboundResponse#redirectTarget}), and a
 * caller that wants to follow makes a new exchange, which is checked like the first. Following silently would turn a
 * POST into a GET, or send a webhook's signature to a host its subscriber never named;</li>
 * <li>no proxy, cookies or automatic retries: a proxy would resolve names we never checked, and retrying is the
 * caller's decision (its schedule, its idempotency).</li>
 * </ul>
 * What fails and whether to retry: {@link AddressRefusedException} is permanent; {@link HostNotResolvedException},
 * {@link ExchangeDeadlineExceededException} and other I/O failures are worth retrying; {@link ResponseTooLargeException}
 * is for the caller to judge. One instance per service; it is thread-safe and pools connections.
 */
public final class OutboundHttp implements Closeable {

    /**
     * @param connectTimeout   how long to wait for a TCP connection (and the TLS handshake)
     * @param responseTimeout  how long to wait for each read, e.g. the first byte of the answer
     * @param exchangeDeadline how long the whole exchange may take, body included; it is aborted then
     * @param maxResponseBytes the largest body {@link #exchange(ClassicHttpRequest)} reads
     * @param userAgent        sent unless the request carries its own
     */
    public record Settings(Duration connectTimeout, Duration responseTimeout, Duration exchangeDeadline,
                           long maxResponseBytes, String userAgent) {

        public Settings {
            requirePositive(connectTimeout, "connect timeout");
            requirePositive(responseTimeout, "response timeout");
            requirePositive(exchangeDeadline, "exchange deadline");
            if (maxResponseBytes < 0) {
                throw new IllegalArgumentException("The largest response body must be 0 bytes or more, not " + maxResponseBytes);
            }
            if (userAgent.isBlank()) {
                throw new IllegalArgumentException("The User-Agent must not be blank: receivers and sources use it to"
                        + " tell who calls");
            }
        }

        /** 5 s to connect, 10 s per read, 30 s in all, 1 MiB of body, User-Agent {@code steppewire}. */
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), 1024 * 1024,
                    "steppewire");
        }

        private static void requirePositive(Duration duration, String what) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("The " + what + " must be positive, not " + duration);
            }
        }
    }

    /** What a body no one wants may hold and still be read to its end, so the connection can be used again. */
    private static final int DRAINED_BODY_LIMIT = 64 * 1024;

    private final OutboundAddressPolicy policy;
    private final Settings settings;
    private final CloseableHttpClient client;
    private final ScheduledThreadPoolExecutor deadlines;

    private OutboundHttp(OutboundAddressPolicy policy, Settings settings, CloseableHttpClient client) {
        this.policy = policy;
        this.settings = settings;
        this.client = client;
        this.deadlines = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("outbound-http-deadline-", 0).factory());
        this.deadlines.setRemoveOnCancelPolicy(true);
        // The thread starts with the first exchange and ends when none has run for a while.
        this.deadlines.setKeepAliveTime(1, TimeUnit.MINUTES);
        this.deadlines.allowCoreThreadTimeOut(true);
    }

    /** Resolving through the operating system. */
    public static OutboundHttp create(OutboundAddressPolicy policy, Settings settings) {
        return create(policy, Resolver.system(), settings);
    }

    /** Resolving through the given resolver, e.g. a fake one in tests. */
    public static OutboundHttp create(OutboundAddressPolicy policy, Resolver resolver, Settings settings) {
        Timeout connect = Timeout.of(settings.connectTimeout());
        Timeout read = Timeout.of(settings.responseTimeout());
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new PolicyDnsResolver(new CheckedResolver(policy, resolver)))
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(read).build())
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(read).build())
                .build();
        CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(connect)
                        .setResponseTimeout(read)
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent(settings.userAgent())
                .build();
        return new OutboundHttp(policy, settings, client);
    }

    public OutboundAddressPolicy policy() {
        return policy;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Sends the request and reads the answer, its body up to {@link Settings#maxResponseBytes()}. A request object
     * serves one exchange: the deadline may abort it, and an aborted request stays aborted.
     *
     * @throws AddressRefusedException            the URL or an address of its host may not be called (permanent)
     * @throws HostNotResolvedException           the host gave no address (retryable)
     * @throws ExchangeDeadlineExceededException  no complete answer within the deadline (retryable)
     * @throws ResponseTooLargeException          the body is larger than the limit
     * @throws IOException                        the peer could not be reached or broke off (retryable)
     */
    public OutboundResponse exchange(ClassicHttpRequest request) throws IOException {
        return exchange(request, settings.maxResponseBytes());
    }

    /** As {@link #exchange(ClassicHttpRequest)}, with the body limited to {@code maxBodyBytes}. */
    public OutboundResponse exchange(ClassicHttpRequest request, long maxBodyBytes) throws IOException {
        return execute(request, maxBodyBytes, true);
    }

    /**
     * Sends the request and keeps only the status and headers, e.g. for a webhook, where the status is the answer: a
     * body is read away (up to 64 KiB, so the connection can serve the next call) or the connection dropped, never an
     * error. Fails as {@link #exchange(ClassicHttpRequest)} does otherwise.
     */
    public OutboundResponse exchangeIgnoringBody(ClassicHttpRequest request) throws IOException {
        return execute(request, DRAINED_BODY_LIMIT, false);
    }

    /**
     * The client itself, for a caller that must stream a body: its connections are checked and timed out like
     * {@link #exchange}'s, but it checks no URL form, sets no deadline and reads bodies without a limit, so such a
     * caller checks the URL ({@link OutboundAddressPolicy#refusal(java.net.URI)}) and bounds what it reads itself.
     */
    public CloseableHttpClient client() {
        return client;
    }

    private OutboundResponse execute(ClassicHttpRequest request, long maxBodyBytes, boolean keepBody) throws IOException {
        URI url = urlOf(request);
        if (request.getAuthority() != null && request.getAuthority().getUserInfo() != null) {
            // HttpClient keeps user info in the request's authority while its URI leaves it out.
            throw new AddressRefusedException("The URL must not carry a user name or password");
        }
        Optional<String> refusal = policy.refusal(url);
        if (refusal.isPresent()) {
            throw new AddressRefusedException("The URL " + refusal.get());
        }
        HttpUriRequestBase call = cancellable(request, url);
        AtomicBoolean expired = new AtomicBoolean();
        // Aborting the call closes its socket, which ends a connect, a read or a wait for a pooled connection.
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            expired.set(true);
            call.cancel();
        }, settings.exchangeDeadline().toNanos(), TimeUnit.NANOSECONDS);
        try {
            ClassicHttpResponse response = client.executeOpen(null, call, null);
            try {
                byte[] body = readBody(response, call, maxBodyBytes, keepBody);
                return new OutboundResponse(response.getCode(), List.of(response.getHeaders()), body);
            } finally {
                closeQuietly(response);
            }
        } catch (AddressRefusedException | HostNotResolvedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (expired.get()) {
                throw new ExchangeDeadlineExceededException(settings.exchangeDeadline(), e);
            }
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    private static byte[] readBody(ClassicHttpResponse response, HttpUriRequestBase call, long maxBodyBytes,
                                   boolean keepBody) throws IOException {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return new byte[0];
        }
        long declared = entity.getContentLength();
        if (declared > maxBodyBytes) {
            return tooLarge(response, call, maxBodyBytes, keepBody);
        }
        InputStream in = entity.getContent();
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int read;
        // Asks for at most one byte past the limit, so an endless body is noticed without reading it.
        while ((read = in.read(buffer, 0, (int) Math.min(buffer.length, maxBodyBytes + 1 - total))) != -1) {
            total += read;
            if (total > maxBodyBytes) {
                return tooLarge(response, call, maxBodyBytes, keepBody);
            }
            if (keepBody) {
                kept.write(buffer, 0, read);
            }
        }
        return kept.toByteArray();
    }

    private static byte[] tooLarge(ClassicHttpResponse response, HttpUriRequestBase call, long maxBodyBytes,
                                   boolean keepBody) throws ResponseTooLargeException {
        // Dropping the connection: closing the response would read the rest of the body to reuse it.
        call.cancel();
        if (keepBody) {
            throw new ResponseTooLargeException(response.getCode(), maxBodyBytes);
        }
        return new byte[0];
    }

    private static URI urlOf(ClassicHttpRequest request) throws AddressRefusedException {
        try {
            return request.getUri();
        } catch (URISyntaxException e) {
            throw new AddressRefusedException("The URL is not valid: " + e.getMessage());
        }
    }

    /** The request as one the deadline can abort; HttpClient's own request classes already are. */
    private static HttpUriRequestBase cancellable(ClassicHttpRequest request, URI url) {
        if (request instanceof HttpUriRequestBase base) {
            return base;
        }
        HttpUriRequestBase copy = new HttpUriRequestBase(request.getMethod(), url);
        copy.setVersion(request.getVersion());
        copy.setHeaders(request.getHeaders());
        copy.setEntity(request.getEntity());
        return copy;
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException | RuntimeException e) {
            // The body was read or the connection dropped already; nothing is left to release.
        }
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        client.close(CloseMode.GRACEFUL);
    }
}
