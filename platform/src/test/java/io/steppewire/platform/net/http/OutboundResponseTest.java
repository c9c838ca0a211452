package io.steppewire.platform.net.http;

import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundResponseTest {

    private static final URI REQUESTED = URI.create("https://news.example.kz/rss/today.xml");

    private static OutboundResponse response(int status, List<Header> headers, byte[] body) {
        return new OutboundResponse(status, headers, body);
    }

    @Test
    void resolvesARedirectAgainstTheRequestedUrl() {
        assertThat(response(301, List.of(new BasicHeader("Location", "/rss/all.xml")), new byte[0]).redirectTarget(REQUESTED))
                .hasValue(URI.create("https://news.example.kz/rss/all.xml"));
        assertThat(response(307, List.of(new BasicHeader("location", "http://mirror.example.org/x")), new byte[0])
                .redirectTarget(REQUESTED)).hasValue(URI.create("http://mirror.example.org/x"));
    }

    @Test
    void hasNoRedirectTargetWithoutARedirectOrAUsableLocation() {
        assertThat(response(200, List.of(new BasicHeader("Location", "/x")), new byte[0]).redirectTarget(REQUESTED)).isEmpty();
        assertThat(response(302, List.of(), new byte[0]).redirectTarget(REQUESTED)).isEmpty();
        assertThat(response(302, List.of(new BasicHeader("Location", "http://exa mple.org/")), new byte[0])
                .redirectTarget(REQUESTED)).isEmpty();
    }

    @Test
    void readsTheBodyInTheCharsetItsContentTypeNames() {
        byte[] cyrillic = "Курс тенге".getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = "Tenge é".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(response(200, List.of(), cyrillic).bodyText()).isEqualTo("Курс тенге");
        assertThat(response(200, List.of(new BasicHeader("Content-Type", "text/plain; charset=ISO-8859-1")), latin1).bodyText())
                .isEqualTo("Tenge é");
    }
}
