package io.steppewire.rates.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole service on the module's one in-process broker, with a real HTTP server on a random port (the security
 * suite sends raw bytes to it). Every integration test uses exactly this configuration, so they share one Spring
 * context and one running stream; {@link SharedService} lets the jqwik properties join the same context. The official
 * sources fetch from {@link OfficialRatesSite} on a local port, started before the service.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ContextConfiguration(initializers = OfficialRatesSiteInitializer.class)
public @interface RatesServiceTest {
}
