package io.steppewire.platform.edge;

import io.steppewire.platform.problem.ProblemException;
import io.steppewire.platform.security.ApiCaller;
import io.steppewire.platform.security.Callers;
import io.steppewire.platform.security.EndpointAccess;
import io.steppewire.platform.security.SubscriberKeyResolver;
import io.steppewire.platform.security.SubscriberKeys;
import io.steppewire.platform.web.BodyLimit;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A service in miniature with the endpoint kinds the real ones have: open reads, admin writes, subscriber data, an upload. */
@SpringBootApplication
public class EdgeTestApplication {

    static final String SUBSCRIBER_KEY = SubscriberKeys.generate();
    static final String OTHER_SUBSCRIBER_KEY = SubscriberKeys.generate();
    /** A key whose look-up fails, as when the key store is down. */
    static final String UNCHECKABLE_KEY = SubscriberKeys.generate();
    static final AtomicInteger writes = new AtomicInteger();

    @Bean
    SubscriberKeyResolver subscriberKeys() {
        Map<String, ApiCaller> known = Map.of(
                SubscriberKeys.hash(SUBSCRIBER_KEY), ApiCaller.subscriber("k1", "first"),
                SubscriberKeys.hash(OTHER_SUBSCRIBER_KEY), ApiCaller.subscriber("k2", "second"));
        String uncheckable = SubscriberKeys.hash(UNCHECKABLE_KEY);
        return hash -> {
            if (hash.equals(uncheckable)) {
                throw new IllegalStateException("key store unreachable");
            }
            return Optional.ofNullable(known.get(hash));
        };
    }

    @Bean
    EndpointAccess subscriberData() {
        return rules -> rules.requestMatchers("/api/private/**").authenticated()
                .requestMatchers(HttpMethod.POST, "/api/private-writes").hasAnyRole("ADMIN", "SUBSCRIBER");
    }

    @Bean
    BodyLimit uploads() {
        return new BodyLimit("/api/uploads", DataSize.ofMegabytes(5));
    }

    record Thing(String name, BigDecimal amount) {
    }

    @RestController
    static class Things {

        @GetMapping("/api/things")
        Map<String, Object> list() {
            return Map.of("things", writes.get());
        }

        @PostMapping("/api/things")
        Thing create(@RequestBody Thing thing) {
            writes.incrementAndGet();
            return thing;
        }

        @PostMapping("/api/uploads")
        Map<String, Object> upload(@RequestBody byte[] body) {
            writes.incrementAndGet();
            return Map.of("bytes", body.length);
        }

        @GetMapping("/api/private/{owner}")
        Map<String, Object> mine(@PathVariable String owner) {
            ApiCaller caller = Callers.required();
            if (!caller.mayAccess(owner)) {
                throw ProblemException.notFound("No data " + owner);
            }
            return Map.of("owner", owner, "caller", caller.name());
        }

        @PostMapping("/api/private-writes")
        Map<String, Object> privateWrite() {
            writes.incrementAndGet();
            return Map.of("by", Callers.required().name());
        }

        @GetMapping("/api/teapot")
        Map<String, Object> teapot() {
            throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "Busy", "Try later").withHeader("Retry-After", "3");
        }

        @GetMapping("/api/broken")
        Map<String, Object> broken() {
            throw new IllegalStateException("secret internals");
        }
    }
}
