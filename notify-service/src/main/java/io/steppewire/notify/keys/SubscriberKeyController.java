package io.steppewire.notify.keys;

import io.steppewire.platform.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Instant;
import java.util.List;

/** Subscriber keys, with the admin key only: issue one per subscriber, list them, rotate and revoke them. */
@RestController
@RequestMapping(path = "/api/keys", produces = "application/json")
public class SubscriberKeyController {

    static final int MAX_PAGE = 200;

    /** @param name who or what the key is for, 1 to 100 visible characters */
    public record KeyRequest(@Nullable String name) {
    }

    /** The answer to issuing a key: the only time the key itself is shown. */
    public record IssuedKeyResponse(String id, String name, String key, Instant createdAt) {
        @Override
        public String toString() {
            return "IssuedKeyResponse[id=" + id + ", name=" + name + "]";
        }
    }

    /** A key as listed: never the key or its hash. */
    public record KeyView(String id, String name, Instant createdAt, @Nullable Instant revokedAt) {
        static KeyView of(SubscriberKey key) {
            return new KeyView(key.id(), key.name(), key.createdAt(), key.revokedAt());
        }
    }

    public record KeyPage(List<KeyView> items, int offset, int limit) {
    }

    private final ManageSubscriberKeys keys;

    public SubscriberKeyController(ManageSubscriberKeys keys) {
        this.keys = keys;
    }

    @Operation(summary = "Issue a subscriber key (admin key)", description = "Answers the key once; only its hash is stored. "
            + "Subscriptions created with it belong to it: it sees and changes only those.")
    @PostMapping(consumes = "application/json")
    public ResponseEntity<IssuedKeyResponse> issue(@RequestBody KeyRequest request) {
        IssuedKey issued = keys.issue(request.name());
        var location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(issued.stored().id()).toUri();
        return ResponseEntity.created(location).cacheControl(CacheControl.noStore())
                .body(new IssuedKeyResponse(issued.stored().id(), issued.stored().name(), issued.key(), issued.stored().createdAt()));
    }

    @Operation(summary = "List subscriber keys, oldest first (admin key)")
    @GetMapping
    public KeyPage list(@RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "50") int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw ProblemException.badRequest("Invalid page",
                    "offset must be 0 or more and limit between 1 and " + MAX_PAGE + "; got offset=" + offset + ", limit=" + limit);
        }
        return new KeyPage(keys.list(offset, limit).stream().map(KeyView::of).toList(), offset, limit);
    }

    @GetMapping("/{id}")
    public KeyView get(@PathVariable String id) {
        return KeyView.of(keys.find(id));
    }

    @Operation(summary = "Rotate a subscriber key (admin key)", description = "Answers a new key for the same subscriber, "
            + "once; it keeps its id and subscriptions. The old key stops working on every instance within 2 s.")
    @PostMapping("/{id}/rotate")
    public ResponseEntity<IssuedKeyResponse> rotate(@PathVariable String id) {
        IssuedKey rotated = keys.rotate(id);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new IssuedKeyResponse(rotated.stored().id(),
                rotated.stored().name(), rotated.key(), rotated.stored().createdAt()));
    }

    @Operation(summary = "Revoke a subscriber key (admin key)", description = "Effective on every instance within 2 s; "
            + "repeating it changes nothing.")
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> revoke(@PathVariable String id) {
        keys.revoke(id);
        return ResponseEntity.noContent().build();
    }
}
