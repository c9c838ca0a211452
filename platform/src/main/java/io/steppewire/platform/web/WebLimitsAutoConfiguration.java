package io.steppewire.platform.web;

import io.steppewire.platform.problem.ProblemAutoConfiguration;
import io.steppewire.platform.problem.ProblemWriter;
import org.apache.catalina.core.StandardHost;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Bounds what one request body can cost: a limit per endpoint (default 256 KiB) answered with a readable
 * 413, and a Tomcat swallow size above the largest limit.
 */
@AutoConfiguration(after = ProblemAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(HttpLimitsProperties.class)
public class WebLimitsAutoConfiguration {

    /** Bytes Tomcat reads and discards after a refusal beyond the largest limit: room for a body just over it. */
    static final long SWALLOW_MARGIN = 4L * 1024 * 1024;

    @Bean
    BodyLimitFilter bodyLimitFilter(HttpLimitsProperties limits, ObjectProvider<BodyLimit> endpointLimits, ProblemWriter problems) {
        return new BodyLimitFilter(limits.maxBodySize().toBytes(), endpointLimits.orderedStream().toList(), problems);
    }

    /** Ahead of security, so that an oversized body costs nothing whoever sends it. */
    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilterRegistration(BodyLimitFilter filter) {
        FilterRegistrationBean<BodyLimitFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    /**
     * Runs after Boot's own customizer, which sets {@code server.tomcat.max-swallow-size} (2 MB by default), so that the
     * swallow size always covers the largest body limit.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> swallowOversizedBodies(BodyLimitFilter filter) {
        long swallow = Math.min(Integer.MAX_VALUE, 2 * filter.largestLimit() + SWALLOW_MARGIN);
        return new SwallowSizeCustomizer((int) swallow);
    }

    /** Tomcat's own refusals, made before any filter runs, answer problem+json too. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    record SwallowSizeCustomizer(int bytes) implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addConnectorCustomizers(connector -> {
                if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http && http.getMaxSwallowSize() >= 0
                        && http.getMaxSwallowSize() < bytes) {
                    http.setMaxSwallowSize(bytes);
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
