package io.steppewire.notify.keys;

import io.steppewire.notify.support.NotifyIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/security.md promises that keys, webhook secrets and stream tokens never reach the logs, whatever happens to them. */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverLoggedTest extends NotifyIntegrationTest {

    @Test
    void keysSecretsAndTokensStayOutOfTheLogs(CapturedOutput output) {
        IssuedKey issued = issueKey("log watch");
        String secret = "log-watch-webhook-secret-0001";
        String created = sendAs(issued.key(), "POST", "/api/subscriptions", """
                {"name": "Log watch", "channel": {"type": "webhook", "url": "http://127.0.0.1:59/never", "secret": "%s"},
                 "rules": {"countries": ["KZ"]}}""".formatted(secret)).body();
        String token = JSON.readTree(created).path("streamToken").asString();
        sendAs(issued.key().substring(0, issued.key().length() - 1) + "x", "GET", "/api/subscriptions", null);
        sendAs("not-a-key-at-all-but-long", "GET", "/api/subscriptions", null);
        deleteWithKey("/api/keys/" + issued.id());
        sendAs(issued.key(), "GET", "/api/subscriptions", null);

        assertThat(token).isNotBlank();
        assertThat(output.getAll()).doesNotContain(issued.key()).doesNotContain(secret).doesNotContain(token)
                .doesNotContain(API_KEY).doesNotContain("not-a-key-at-all-but-long");
    }
}
