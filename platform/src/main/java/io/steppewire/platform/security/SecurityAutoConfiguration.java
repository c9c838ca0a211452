package io.steppewire.platform.security;

import io.steppewire.platform.problem.ProblemAutoConfiguration;
import io.steppewire.platform.problem.ProblemWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationProvider;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.util.List;

/**
 * The hardened edge of every service: Spring Security's strict firewall in front of routing, keys in
 * {@code X-Api-Key} (admin, or a subscriber's where notify-service provides them), stateless, and every
 * refusal as problem+json. Services add their own rules through {@link EndpointAccess}; the defaults
 * leave reads ({@code GET}, {@code HEAD}, {@code OPTIONS}) open and demand the admin key for everything else.
 */
@AutoConfiguration(after = ProblemAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties({ApiProperties.class, CorsProperties.class})
public class SecurityAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityAutoConfiguration.class);

    @Bean
    ApiKeys apiKeys(ApiProperties properties, ObjectProvider<SubscriberKeyResolver> subscriberKeys) {
        if (properties.usesDefaultKey()) {
            log.warn("The admin key is the published default '{}' (allowed by steppewire.api.allow-default-key): "
                    + "anyone who reaches this service can change its data. Set STEPPEWIRE_API_KEY before exposing it.",
                    ApiProperties.PUBLISHED_DEFAULT_KEY);
        }
        return new ApiKeys(properties, subscriberKeys.orderedStream().toList());
    }

    @Bean
    SecurityProblems securityProblems(ProblemWriter problemWriter) {
        return new SecurityProblems(problemWriter);
    }

    /** Firewall refusals answer problem+json instead of a bare 400. */
    @Bean
    WebSecurityCustomizer firewallRefusalsAsProblems(SecurityProblems securityProblems) {
        return web -> web.requestRejectedHandler(securityProblems);
    }

    /** Keys are checked by the filter below; this only stops Boot from creating a user with a generated password. */
    @Bean
    AuthenticationManager noPasswordLogins() {
        return new ProviderManager(new PreAuthenticatedAuthenticationProvider());
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeys keys, SecurityProblems securityProblems, ProblemWriter problemWriter,
                                    ObjectProvider<EndpointAccess> serviceRules, CorsProperties cors) throws Exception {
        // Spring Security's CORS filter runs before the key filter: a refusal still carries the CORS headers (so a
        // page can read why), a preflight of an allowed origin is answered before any key is asked for, and one
        // of any other origin is refused with 403. Without listed origins there is no CORS filter at all.
        if (cors.enabled()) {
            http.cors(corsConfigurer -> corsConfigurer.configurationSource(corsSource(cors)));
        } else {
            http.cors(corsConfigurer -> corsConfigurer.disable());
        }
        http.csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(securityProblems).accessDeniedHandler(securityProblems))
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys, securityProblems, problemWriter), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(rules -> {
                    rules.requestMatchers("/error").permitAll();
                    rules.requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info",
                            "/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/**",
                            "/v3/api-docs", "/v3/api-docs/**").permitAll();
                    serviceRules.orderedStream().forEach(service -> service.declare(rules));
                    rules.requestMatchers(HttpMethod.GET).permitAll();
                    rules.requestMatchers(HttpMethod.HEAD).permitAll();
                    rules.requestMatchers(HttpMethod.OPTIONS).permitAll();
                    rules.anyRequest().hasRole(ApiRole.ADMIN.name());
                });
        return http.build();
    }

    /**
     * Cross-origin answers for the listed origins only. Keys travel
     * in {@code X-Api-Key}, never in cookies, so credentials stay off. {@code Last-Event-ID} resumes an event stream.
     */
    static CorsConfigurationSource corsSource(CorsProperties properties) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(properties.allowedOrigins());
        configuration.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "DELETE"));
        configuration.setAllowedHeaders(List.of(ApiKeyAuthenticationFilter.HEADER, "Last-Event-ID", "Content-Type"));
        configuration.setExposedHeaders(List.of("Location", "Retry-After"));
        configuration.setAllowCredentials(false);
        configuration.setMaxAge(properties.maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", configuration);
        return source;
    }
}
