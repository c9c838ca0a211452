package io.steppewire.notify.delivery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    @Test
    void reproducesTheStandardWebhooksReferenceSignatureForAWhsecSecret() {
        // The test vector published with the Standard Webhooks specification.
        String signature = WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330, "{\"test\": 2432232314}");

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void usesThePlainTextOfASecretWithoutTheWhsecPrefixAsKey() {
        String plain = WebhookSignature.sign("tajik-energy-desk-secret", "alert-1", 1700000000, "{}");
        String asWhsec = WebhookSignature.sign("whsec_" + java.util.Base64.getEncoder().encodeToString(
                "tajik-energy-desk-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8)), "alert-1", 1700000000, "{}");

        assertThat(plain).isEqualTo(asWhsec).startsWith("v1,");
    }

    @Test
    void changesWhenTheBodyChanges() {
        assertThat(WebhookSignature.sign("tajik-energy-desk-secret", "alert-1", 1700000000, "{\"a\":1}"))
                .isNotEqualTo(WebhookSignature.sign("tajik-energy-desk-secret", "alert-1", 1700000000, "{\"a\":2}"));
    }
}
