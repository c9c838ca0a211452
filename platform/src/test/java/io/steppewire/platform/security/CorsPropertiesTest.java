package io.steppewire.platform.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CorsPropertiesTest {

    @Test
    void noOriginsMeansNoCors() {
        assertThat(new CorsProperties(List.of(), Duration.ofMinutes(10)).enabled()).isFalse();
        assertThat(new CorsProperties(List.of(" ", ""), Duration.ofMinutes(10)).enabled()).isFalse();
    }

    @Test
    void originsAreKeptAsBrowsersSendThem() {
        CorsProperties cors = new CorsProperties(List.of(" HTTPS://Dash.Example.org ", "http://localhost:8083",
                "https://dash.example.org"), Duration.ofMinutes(10));
        assertThat(cors.allowedOrigins()).containsExactly("https://dash.example.org", "http://localhost:8083");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "https://*.example.org", "https://dash.example.org/", "https://dash.example.org/app",
            "https://dash.example.org?x=1", "https://user@dash.example.org", "ftp://dash.example.org", "dash.example.org",
            "javascript:alert(1)", "null", "http://[::1"})
    void anythingButAnExactOriginIsRefusedSayingWhatToWrite(String origin) {
        assertThatIllegalArgumentException().isThrownBy(() -> new CorsProperties(List.of(origin), Duration.ofMinutes(10)))
                .withMessageContaining("STEPPEWIRE_HTTP_CORS_ALLOWED_ORIGINS").withMessageContaining("http://localhost:8083");
    }
}
