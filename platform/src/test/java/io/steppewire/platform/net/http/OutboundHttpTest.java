package io.steppewire.platform.net.http;

import io.steppewire.platform.net.AddressRefusedException;
import io.steppewire.platform.net.FakeResolver;
import io.steppewire.platform.net.HostNotResolvedException;
import io.steppewire.platform.net.OutboundAddressPolicy;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against a real HTTP server on 127.0.0.1, with DNS answered by a script. */
class OutboundHttpTest {

    private static final OutboundHttp.Settings SETTINGS = new OutboundHttp.Settings(Duration.ofSeconds(2),
            Duration.ofSeconds(30), Duration.ofSeconds(20), 64 * 1024, "steppewire-test");

    private final FakeResolver dns = new FakeResolver();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private LocalReceiver receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = open(LocalReceiver.on("127.0.0.1"));
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private OutboundHttp client(OutboundAddressPolicy policy) {
        return client(policy, SETTINGS);
    }

    private OutboundHttp client(OutboundAddressPolicy policy, OutboundHttp.Settings settings) {
        return open(OutboundHttp.create(policy, dns, settings));
    }

    private String url(String host, String path) {
        return "http://" + host + ":" + receiver.port() + path;
    }

    private ClassicHttpRequest post(String url, String body) {
        return ClassicRequestBuilder.post(url).setEntity(body, ContentType.APPLICATION_JSON).build();
    }

    @Test
    void refusesALocalReceiverWithoutAnAllowList() {
        OutboundHttp http = client(OutboundAddressPolicy.publicOnly());
        dns.thenAnswer("127.0.0.1");

        assertThatThrownBy(() -> http.exchange(post(url("receiver.test", "/hook"), "{}")))
                .isInstanceOf(AddressRefusedException.class)
                .hasMessageContaining("Host receiver.test resolves to an address that may not be called: 127.0.0.1 is a loopback address");
        assertThatThrownBy(() -> http.exchange(post(url("127.0.0.1", "/hook"), "{}")))
                .isInstanceOf(AddressRefusedException.class)
                .hasMessageStartingWith("The URL points at an address that may not be called: 127.0.0.1 is a loopback address");
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void reachesALocalReceiverWhoseNetworkIsAllowListed() throws IOException {
        OutboundHttp http = client(OutboundAddressPolicy.allowing("127.0.0.0/8", "::1/128"));
        dns.thenAnswer("127.0.0.1");

        OutboundResponse response = http.exchange(post(url("receiver.test", "/hook"), "{\"alert\":1}"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.isSuccessful()).isTrue();
        assertThat(response.bodyText()).isEqualTo("received /hook");
        assertThat(response.header("content-type")).hasValue("text/plain; charset=utf-8");
        assertThat(receiver.received()).singleElement().satisfies(received -> {
            assertThat(received.method()).isEqualTo("POST");
            assertThat(received.userAgent()).isEqualTo("steppewire-test");
            assertThat(new String(received.body())).isEqualTo("{\"alert\":1}");
        });
    }

    @Test
    void connectsToTheAddressThatPassedTheCheckNotToALaterAnswer() throws IOException {
        // The checked receiver listens on 127.0.0.2 (allow-listed alone); the "internal" server on 127.0.0.1 at the
        // same port. DNS answers 127.0.0.2 first and 127.0.0.1 to any second lookup, as a rebinding name would.
        LocalReceiver checked = open(LocalReceiver.on("127.0.0.2", receiver.port()));
        OutboundHttp http = client(OutboundAddressPolicy.allowing("127.0.0.2/32"));
        dns.thenAnswer("127.0.0.2").thenAnswer("127.0.0.1");

        OutboundResponse response = http.exchange(post(url("rebind.test", "/hook"), "{}"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(checked.received()).hasSize(1);
        assertThat(receiver.received()).isEmpty();
        assertThat(dns.asked()).containsExactly("rebind.test");
    }

    @Test
    void aRebindingNameNeverReachesTheLocalServer() {
        // 3ffe::1 is public to the policy (global unicast, no special purpose) and allocated to no one since the 6bone
        // ended, so connecting to it fails without reaching anybody. A client that looked the name up again after the
        // check would get 127.0.0.1 and reach the local server.
        OutboundHttp http = client(OutboundAddressPolicy.publicOnly(), new OutboundHttp.Settings(Duration.ofMillis(500),
                Duration.ofSeconds(30), Duration.ofSeconds(20), 1024, "steppewire-test"));
        dns.thenAnswer("3ffe::1").thenAnswer("127.0.0.1");

        assertThatThrownBy(() -> http.exchange(post(url("rebind.test", "/hook"), "{}")))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(AddressRefusedException.class)
                .isNotInstanceOf(HostNotResolvedException.class);
        assertThat(receiver.received()).isEmpty();
        assertThat(dns.asked()).containsExactly("rebind.test");
    }

    @Test
    void refusesANameWithAnyRefusedAnswerEvenBesideAPublicOne() {
        OutboundHttp http = client(OutboundAddressPolicy.publicOnly());
        dns.thenAnswer("3ffe::1", "127.0.0.1");

        assertThatThrownBy(() -> http.exchange(post(url("split.test", "/hook"), "{}")))
                .isInstanceOf(AddressRefusedException.class);
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void reportsATemporaryDnsFailureAsRetryableAndSucceedsOnRetry() throws IOException {
        OutboundHttp http = client(OutboundAddressPolicy.allowing("127.0.0.0/8"));
        dns.thenFailTemporarily().thenAnswer("127.0.0.1");

        assertThatThrownBy(() -> http.exchange(post(url("receiver.test", "/hook"), "{}")))
                .isInstanceOf(HostNotResolvedException.class)
                .isNotInstanceOf(AddressRefusedException.class)
                .hasMessageContaining("Temporary failure in name resolution");
        assertThat(receiver.received()).isEmpty();

        assertThat(http.exchange(post(url("receiver.test", "/hook"), "{}")).status()).isEqualTo(200);
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void checksTheUrlFormBeforeAnyLookup() {
        OutboundHttp http = client(OutboundAddressPolicy.allowing("127.0.0.0/8"));
        dns.thenAnswer("127.0.0.1");

        assertThatThrownBy(() -> http.exchange(post("http://user:secret@receiver.test:" + receiver.port() + "/hook", "{}")))
                .isInstanceOf(AddressRefusedException.class)
                .hasMessageStartingWith("The URL must not carry a user name or password");
        assertThatThrownBy(() -> http.exchange(ClassicRequestBuilder.get("http://receiver.test:25/").build()))
                .isInstanceOf(AddressRefusedException.class)
                .hasMessageContaining("names port 25");
        assertThat(dns.asked()).isEmpty();
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void returnsARedirectWithoutFollowingIt() throws IOException {
        OutboundHttp http = client(OutboundAddressPolicy.allowing("127.0.0.0/8"));
        dns.thenAnswer("127.0.0.1");
        URI requested = URI.create(url("receiver.test", "/redirect"));

        OutboundResponse response = http.exchange(new HttpPost(requested));

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.redirectTarget(requested)).hasValue(URI.create(url("receiver.test", "/hook?redirected=1")));
        assertThat(receiver.received()).extracting(LocalReceiver.Received::path).containsExactly("/redirect");
    }

    @Test
    void abortsAnExchangeThatOutlastsItsDeadlineWhileTheBodyTrickles() {
        // Per-read timeout 30 s, deadline 300 ms: only the deadline can end this exchange quickly.
        OutboundHttp http = client(OutboundAddressPolicy.allowing("127.0.0.0/8"), new OutboundHttp.Settings(
                Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMillis(300), 64 * 1024, "steppewire-test"));
        dns.thenAnswer("127.0.0.1");
        long started = System.nanoTime();

        assertThatThrownBy(() -> http.exchange(ClassicRequestBuilder.get(url("receiver.test", "/slow")).build()))
                .isInstanceOf(ExchangeDeadlineExceededException.class)
                .hasMessage("No complete answer within PT0.3S; the exchange was aborted");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(receiver.received()).extracting(LocalReceiver.Received::path).containsExactly("/slow");
    }

    @Test
    void refusesABodyLargerThanTheLimitAndStaysUsable() throws IOException {
        OutboundHttp http = client(OutboundAddressPolicy.allowing("127.0.0.0/8"));
        dns.thenAnswer("127.0.0.1");

        // More refusals than the pool has connections per route: a connection kept after one would starve the last call.
        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(() -> http.exchange(new HttpGet(url("receiver.test", "/big"))))
                    .isInstanceOfSatisfying(ResponseTooLargeException.class, e -> {
                        assertThat(e.status()).isEqualTo(200);
                        assertThat(e.limitBytes()).isEqualTo(64 * 1024);
                    });
        }
        assertThatThrownBy(() -> http.exchange(new HttpGet(url("receiver.test", "/big-declared"))))
                .isInstanceOf(ResponseTooLargeException.class);
        assertThat(http.exchange(new HttpGet(url("receiver.test", "/big")), LocalReceiver.BIG_BODY_BYTES).body())
                .hasSize(LocalReceiver.BIG_BODY_BYTES);
        assertThat(http.exchange(new HttpGet(url("receiver.test", "/after"))).bodyText()).isEqualTo("received /after");
    }

    @Test
    void ignoresABodyNobodyWantsWhateverItsSize() throws IOException {
        OutboundHttp http = client(OutboundAddressPolicy.allowing("127.0.0.0/8"));
        dns.thenAnswer("127.0.0.1");

        OutboundResponse response = http.exchangeIgnoringBody(post(url("receiver.test", "/big"), "{}"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(http.exchangeIgnoringBody(post(url("receiver.test", "/hook"), "{}")).status()).isEqualTo(200);
    }

    @Test
    void keepsAUserAgentTheRequestSets() throws IOException {
        OutboundHttp http = client(OutboundAddressPolicy.allowing("127.0.0.0/8"));
        dns.thenAnswer("127.0.0.1");
        HttpPost request = new HttpPost(url("receiver.test", "/hook"));
        request.setHeader("User-Agent", "steppewire-notify/1");
        request.setEntity(new StringEntity("{}", ContentType.APPLICATION_JSON));

        http.exchange(request);

        assertThat(receiver.received()).singleElement().extracting(LocalReceiver.Received::userAgent).isEqualTo("steppewire-notify/1");
    }

    @Test
    void theBareClientChecksAddressesTooAndPassesTheRefusalUnchanged() {
        OutboundHttp http = client(OutboundAddressPolicy.publicOnly());
        dns.thenAnswer("127.0.0.1");

        assertThatThrownBy(() -> http.client().execute(new HttpGet(url("receiver.test", "/hook")), response -> response.getCode()))
                .isInstanceOf(AddressRefusedException.class);
        assertThatThrownBy(() -> http.client().execute(new HttpGet(url("127.0.0.1", "/hook")), response -> response.getCode()))
                .isInstanceOf(AddressRefusedException.class);
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void failsToConnectWhereNothingListensAsARetryableFailure() throws IOException {
        int port;
        try (LocalReceiver gone = LocalReceiver.on("127.0.0.1")) {
            port = gone.port();
        }
        OutboundHttp http = client(OutboundAddressPolicy.allowing("127.0.0.0/8"));
        dns.thenAnswer("127.0.0.1");

        assertThatThrownBy(() -> http.exchange(post("http://receiver.test:" + port + "/hook", "{}")))
                .isInstanceOf(ConnectException.class);
    }
}
