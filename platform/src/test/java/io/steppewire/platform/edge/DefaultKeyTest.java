package io.steppewire.platform.edge;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DefaultKeyTest {

    private static SpringApplication app() {
        SpringApplication app = new SpringApplication(EdgeTestApplication.class);
        app.setWebApplicationType(WebApplicationType.SERVLET);
        return app;
    }

    @Test
    void refusesToStartWithThePublishedDefaultKey() {
        assertThatThrownBy(() -> app().run("--server.port=0", "--steppewire.api.key=local-dev-key",
                "--spring.kafka.bootstrap-servers=127.0.0.1:1"))
                .hasStackTraceContaining("published default").hasStackTraceContaining("STEPPEWIRE_API_KEY");
    }

    @Test
    void startsWithTheDefaultKeyWhenExplicitlyAllowed() {
        try (var context = app().run("--server.port=0", "--steppewire.api.key=local-dev-key",
                "--steppewire.api.allow-default-key=true", "--spring.kafka.bootstrap-servers=127.0.0.1:1")) {
            assertThat(context.isRunning()).isTrue();
        }
    }

    @Test
    void refusesAPreviousKeyThatIsTheDefaultOrTheNewOne() {
        assertThatThrownBy(() -> app().run("--server.port=0", "--steppewire.api.key=new-admin-key-0123",
                "--steppewire.api.previous-key=local-dev-key", "--spring.kafka.bootstrap-servers=127.0.0.1:1"))
                .hasStackTraceContaining("previous-key");
        assertThatThrownBy(() -> app().run("--server.port=0", "--steppewire.api.key=new-admin-key-0123",
                "--steppewire.api.previous-key=new-admin-key-0123", "--spring.kafka.bootstrap-servers=127.0.0.1:1"))
                .hasStackTraceContaining("previous-key");
    }

    @Test
    void refusesAShortKey() {
        assertThatThrownBy(() -> app().run("--server.port=0", "--steppewire.api.key=short",
                "--spring.kafka.bootstrap-servers=127.0.0.1:1"))
                .hasStackTraceContaining("at least 12");
    }
}
