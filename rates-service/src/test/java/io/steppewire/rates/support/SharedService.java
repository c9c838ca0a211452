package io.steppewire.rates.support;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContextManager;

/**
 * The running service for tests outside JUnit Jupiter (jqwik properties), which Spring's extension does not reach.
 * The context comes from Spring's test context cache, so a class annotated with {@link RatesServiceTest} gets the
 * very context the Jupiter tests use, or creates it for them: one service and one stream per test JVM.
 */
public final class SharedService {

    private final ApplicationContext context;

    private SharedService(ApplicationContext context) {
        this.context = context;
    }

    /** @param testClass a class annotated with {@link RatesServiceTest} */
    public static SharedService of(Class<?> testClass) {
        if (!testClass.isAnnotationPresent(RatesServiceTest.class)) {
            throw new IllegalArgumentException(testClass.getName() + " must be annotated with @RatesServiceTest");
        }
        return new SharedService(new TestContextManager(testClass).getTestContext().getApplicationContext());
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    public String brokers() {
        return context.getEnvironment().getRequiredProperty("spring.embedded.kafka.brokers");
    }

    public String adminKey() {
        return context.getEnvironment().getRequiredProperty("steppewire.api.key");
    }

    public ApplicationContext context() {
        return context;
    }
}
