package io.steppewire.ingest.sources;

import io.swagger.v3.oas.annotations.Operation;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The source registry: what ingest fetches by itself, and what its fetches found. Writes need the admin key. */
@RestController
@RequestMapping(path = "/api/sources", produces = MediaType.APPLICATION_JSON_VALUE)
class SourceController {

    private final SourceStore store;
    private final SourceRequests requests;
    private final SourceScheduler scheduler;
    private final Clock clock;

    SourceController(SourceStore store, SourceRequests requests, SourceScheduler scheduler, Clock clock) {
        this.store = store;
        this.requests = requests;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** A source as the API shows it. */
    record SourceResponse(String id, String name, SourceType type, URI url, int intervalSeconds, boolean enabled,
                          boolean fetchFullText, Instant createdAt, Instant updatedAt, FetchState state) {

        static SourceResponse of(Source s) {
            SourceSpec spec = s.spec();
            return new SourceResponse(s.id(), spec.name(), spec.type(), spec.url(), spec.intervalSeconds(),
                    spec.enabled(), spec.fetchFullText(), s.createdAt(), s.updatedAt(), s.state());
        }
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register a source", description = "A feed, front page or article URL fetched every"
            + " intervalSeconds; it is due at once. Needs X-Api-Key.")
    ResponseEntity<SourceResponse> create(@RequestBody(required = false) SourceRequests.@Nullable SourceRequest request) {
        Source source = store.create(requests.check(request), clock.instant());
        return ResponseEntity.created(URI.create("/api/sources/" + source.id())).body(SourceResponse.of(source));
    }

    @GetMapping
    @Operation(summary = "List the sources with their fetch state")
    List<SourceResponse> list() {
        return store.all().stream().map(SourceResponse::of).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One source with its fetch state")
    SourceResponse get(@PathVariable String id) {
        return store.find(id).map(SourceResponse::of).orElseThrow(() -> SourceUnavailableException.unknown(id));
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace a source's settings", description = "Its fetch state stays; a new URL forgets the"
            + " old validators and is due at once. Needs X-Api-Key.")
    SourceResponse update(@PathVariable String id,
                          @RequestBody(required = false) SourceRequests.@Nullable SourceRequest request) {
        if (store.find(id).isEmpty()) {
            throw SourceUnavailableException.unknown(id);
        }
        return store.update(id, requests.check(request), clock.instant()).map(SourceResponse::of)
                .orElseThrow(() -> SourceUnavailableException.unknown(id));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Remove a source", description = "Articles already published stay. Needs X-Api-Key.")
    ResponseEntity<Void> delete(@PathVariable String id) {
        if (!store.delete(id)) {
            throw SourceUnavailableException.unknown(id);
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/fetch")
    @Operation(summary = "Fetch a source now", description = "Answers what the fetch found: new, revised, already"
            + " seen and failed items with reasons. Needs X-Api-Key.")
    ResponseEntity<FetchReport> fetchNow(@PathVariable String id) throws InterruptedException {
        return ResponseEntity.status(HttpStatus.OK).body(scheduler.fetchNow(id));
    }
}
