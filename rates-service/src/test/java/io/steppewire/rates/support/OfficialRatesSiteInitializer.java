package io.steppewire.rates.support;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Starts the banks' site once per test JVM, before the service, and tells the service where it is
 * ({@code steppewire.test.official-site}, which {@code application-test.yaml} builds every source's address from).
 * Every test class with {@link RatesServiceTest} names this initializer, so they still share one context.
 */
public final class OfficialRatesSiteInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final class Holder {
        private static final OfficialRatesSite SITE = OfficialRatesSite.start();
    }

    /** The site the running service fetches its official rates from. */
    public static OfficialRatesSite site() {
        return Holder.SITE;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("official-rates-site",
                Map.of("steppewire.test.official-site", site().baseUrl())));
    }
}
