package io.steppewire.notify.subscription.api;

import io.steppewire.notify.subscription.Subscription;
import io.steppewire.notify.subscription.SubscriptionRequest;
import io.steppewire.notify.subscription.store.ManageSubscriptions;
import io.steppewire.platform.problem.ProblemException;
import io.steppewire.platform.security.ApiCaller;
import io.steppewire.platform.security.Callers;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Subscriptions: all endpoints need {@code X-Api-Key}, because subscriptions reveal subscriber data. A
 * subscriber key sees and changes only the subscriptions it created; the admin key all of them, with their owner.
 */
@RestController
@RequestMapping(path = "/api/subscriptions", produces = "application/json")
public class SubscriptionController {

    static final int MAX_PAGE = 200;

    private final ManageSubscriptions subscriptions;

    public SubscriptionController(ManageSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Operation(summary = "Create a subscription", description = "Channels: webhook (url, secret), sse, email (address). "
            + "Rules: countries, tags, entities, query (AND, OR, NOT, parentheses, \"phrases\"), pairs (pair, thresholdPct, direction).")
    @PostMapping(consumes = "application/json")
    public ResponseEntity<SubscriptionResponse> create(@RequestBody SubscriptionRequest request) {
        ApiCaller caller = Callers.required();
        Subscription created = subscriptions.create(request, caller);
        var location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(created.id()).toUri();
        return ResponseEntity.created(location).body(SubscriptionResponse.of(created, caller));
    }

    @Operation(summary = "List subscriptions, oldest first", description = "A subscriber key lists its own; the admin key all.")
    @GetMapping
    public SubscriptionPage list(@RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "50") int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw ProblemException.badRequest("Invalid page",
                    "offset must be 0 or more and limit between 1 and " + MAX_PAGE + "; got offset=" + offset + ", limit=" + limit);
        }
        ApiCaller caller = Callers.required();
        return new SubscriptionPage(subscriptions.list(caller, offset, limit).stream().map(s -> SubscriptionResponse.of(s, caller)).toList(),
                offset, limit);
    }

    @GetMapping("/{id}")
    public SubscriptionResponse get(@PathVariable String id) {
        ApiCaller caller = Callers.required();
        return SubscriptionResponse.of(subscriptions.find(id, caller), caller);
    }

    @Operation(summary = "Replace a subscription's name, channel and rules", description = "The id and stream token stay.")
    @PutMapping(path = "/{id}", consumes = "application/json")
    public SubscriptionResponse replace(@PathVariable String id, @RequestBody SubscriptionRequest request) {
        ApiCaller caller = Callers.required();
        return SubscriptionResponse.of(subscriptions.replace(id, request, caller), caller);
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable String id) {
        subscriptions.delete(id, Callers.required());
        return ResponseEntity.noContent().build();
    }
}
