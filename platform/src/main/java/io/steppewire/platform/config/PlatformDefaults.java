package io.steppewire.platform.config;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Settings every service shares, as defaults that a service's own configuration may override: health knows
 * {@code DEGRADED} (a consumer waiting out an outage) as worse than UP and better than DOWN, and answers it with
 * 200, since the instance is alive and will catch up by itself; DOWN and OUT_OF_SERVICE answer 503.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    static final String SOURCE = "steppewirePlatformDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(
                "management.endpoint.health.status.order", "DOWN,OUT_OF_SERVICE,DEGRADED,UP,UNKNOWN",
                "management.endpoint.health.status.http-mapping.DEGRADED", "200",
                // Declaring any code replaces Spring Boot's defaults, so the two that must not read as healthy are restated.
                "management.endpoint.health.status.http-mapping.DOWN", "503",
                "management.endpoint.health.status.http-mapping.OUT_OF_SERVICE", "503")));
    }
}
