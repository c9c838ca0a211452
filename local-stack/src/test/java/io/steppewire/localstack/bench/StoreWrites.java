package io.steppewire.localstack.bench;

import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The write commands a service sent to the store, counted by the service's MongoDB driver and published as the
 * {@code mongodb.driver.commands} timer on {@code /actuator/metrics} (Spring Boot's command listener), per collection:
 * the local stack's store does not count them itself ({@code serverStatus} has no opcounters there). A command is
 * one round trip; a bulk write of many documents is one command.
 */
final class StoreWrites {

    private static final List<String> WRITE_COMMANDS = List.of("insert", "update", "delete", "findAndModify");
    private static final String METRIC = "/actuator/metrics/mongodb.driver.commands";

    private StoreWrites() {
    }

    /** Write commands so far per collection, or an empty map when the service does not publish the timer. */
    static Map<String, Long> byCollection(BenchHttp http, String serviceUrl) {
        Map<String, Long> writes = new TreeMap<>();
        BenchHttp.Answer all = http.get(serviceUrl + METRIC);
        if (all.status() != 200) {
            return writes;
        }
        for (JsonNode tag : all.json().path("availableTags")) {
            if (!tag.path("tag").asString().equals("collection")) {
                continue;
            }
            for (JsonNode collection : tag.path("values")) {
                long count = 0;
                for (String command : WRITE_COMMANDS) {
                    count += count(http, serviceUrl + METRIC + "?tag=collection:" + collection.asString() + "&tag=command:" + command);
                }
                if (count > 0) {
                    writes.put(collection.asString(), count);
                }
            }
        }
        return writes;
    }

    /** What was written between two readings of {@link #byCollection}, per collection, leaving out collections not written. */
    static Map<String, Long> between(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> written = new TreeMap<>();
        after.forEach((collection, count) -> {
            long delta = count - before.getOrDefault(collection, 0L);
            if (delta > 0) {
                written.put(collection, delta);
            }
        });
        return written;
    }

    private static long count(BenchHttp http, String url) {
        BenchHttp.Answer answer = http.get(url);
        if (answer.status() != 200) {
            return 0;
        }
        for (JsonNode measurement : answer.json().path("measurements")) {
            if (measurement.path("statistic").asString().equals("COUNT")) {
                return (long) measurement.path("value").asDouble();
            }
        }
        return 0;
    }
}
