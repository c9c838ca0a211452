package io.steppewire.platform.kafka.deadletters;

import io.steppewire.platform.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The dead letters of the topics this service consumes (admin key): list them, and send chosen ones back. */
@RestController
public class DeadLetterController {

    public record DeadLetterPage(String topic, List<DeadLetter> items) {
    }

    private final DeadLetterTopics deadLetters;

    public DeadLetterController(DeadLetterTopics deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Operation(summary = "Dead letters of a consumed topic, oldest first (admin key)")
    @GetMapping(path = "/api/dead-letters/{topic}", produces = "application/json")
    public DeadLetterPage list(@PathVariable String topic, @RequestParam(required = false) @Nullable Integer partition,
                               @RequestParam(required = false) @Nullable Long fromOffset,
                               @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > DeadLetterTopics.MAX_PER_REQUEST) {
            throw ProblemException.badRequest("Invalid parameter: limit",
                    "limit must be between 1 and " + DeadLetterTopics.MAX_PER_REQUEST + "; got " + limit);
        }
        return new DeadLetterPage(topic, deadLetters.list(topic, new RedriveRequest(partition, fromOffset, null), limit));
    }

    @Operation(summary = "Send dead letters back to their topic (admin key)",
            description = "All of them with {}, one partition with {\"partition\": 0}, or an offset range with "
                    + "{\"partition\": 0, \"fromOffset\": 5, \"toOffset\": 9}. Answers after Kafka has them all.")
    @PostMapping(path = "/api/dead-letters/{topic}/redrive", consumes = "application/json", produces = "application/json")
    public RedriveResult redrive(@PathVariable String topic, @RequestBody RedriveRequest selection) {
        return deadLetters.redrive(topic, selection);
    }
}
