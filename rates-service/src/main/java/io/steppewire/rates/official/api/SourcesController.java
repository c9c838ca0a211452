package io.steppewire.rates.official.api;

import io.steppewire.platform.problem.ProblemException;
import io.steppewire.rates.official.InvalidFetchRangeException;
import io.steppewire.rates.official.fetch.NoSuchSourceException;
import io.steppewire.rates.official.fetch.OfficialSource;
import io.steppewire.rates.official.fetch.OfficialSources;
import io.steppewire.rates.official.fetch.SourceUnavailableException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The official central-bank sources: their state for everyone, fetching for the operator. */
@RestController
class SourcesController {

    /** What a source id looks like; anything else is answered as unknown without being repeated back. */
    private static final Pattern ID = Pattern.compile("[a-z]{2,16}");
    private static final Set<String> FETCH_PARAMETERS = Set.of("from", "to");

    private final OfficialSources sources;

    SourcesController(OfficialSources sources) {
        this.sources = sources;
    }

    /** @param items every official source, enabled or not, in a fixed order */
    record Sources(List<SourceView> items) {
    }

    /**
     * @param from   the first date fetched
     * @param to     the last date fetched
     * @param source the source's state as the fetch starts; {@code GET /api/rates/sources/{id}} shows how it goes
     */
    record FetchAccepted(LocalDate from, LocalDate to, SourceView source) {
    }

    @Operation(summary = "Every official source with its settings and the state of its fetches")
    @GetMapping(path = "/api/rates/sources", produces = "application/json")
    Sources all() {
        return new Sources(sources.all().stream().map(SourceView::of).toList());
    }

    @Operation(summary = "One official source with its settings and the state of its fetches",
            responses = {@ApiResponse(responseCode = "200"), @ApiResponse(responseCode = "404", description = "No such source")})
    @GetMapping(path = "/api/rates/sources/{id}", produces = "application/json")
    SourceView one(@PathVariable String id) {
        return SourceView.of(source(id));
    }

    @Operation(summary = "Fetch a source's official rates now, for today or for a range of past dates",
            description = "Starts the fetch on the source's own thread and answers at once; each date's rates are"
                    + " published to fx.quotes.v1 in one transaction. Without from and to: today in the bank's time"
                    + " zone; with from only: from then to today; with to only: that date. A source that publishes only"
                    + " its latest rates (nbkr) takes neither.",
            parameters = @Parameter(name = "X-Api-Key", in = ParameterIn.HEADER, required = true),
            responses = {
                    @ApiResponse(responseCode = "202", description = "The fetch has started"),
                    @ApiResponse(responseCode = "400", description = "Dates unreadable, in the wrong order, in the future,"
                            + " before 1992, more than steppewire.rates.official.max-fetch-days, or an unknown parameter"),
                    @ApiResponse(responseCode = "401", description = "Missing or wrong X-Api-Key (only the admin key may fetch)"),
                    @ApiResponse(responseCode = "404", description = "No such source"),
                    @ApiResponse(responseCode = "409", description = "The source is disabled, or a fetch asked for earlier is under way")})
    @PostMapping(path = "/api/rates/sources/{id}/fetch", produces = "application/json")
    ResponseEntity<FetchAccepted> fetch(@PathVariable String id, @RequestParam(required = false) @Nullable String from,
                                        @RequestParam(required = false) @Nullable String to, HttpServletRequest request) {
        source(id);
        refuseOtherParameters(request);
        OfficialSources.Started started;
        try {
            started = sources.fetchNow(id, from, to);
        } catch (NoSuchSourceException e) {
            throw ProblemException.notFound(e.getMessage());
        } catch (InvalidFetchRangeException e) {
            throw ProblemException.badRequest("Invalid fetch", e.getMessage());
        } catch (SourceUnavailableException e) {
            throw new ProblemException(HttpStatus.CONFLICT, "Source cannot fetch now", e.getMessage());
        }
        return ResponseEntity.accepted().location(URI.create("/api/rates/sources/" + id))
                .body(new FetchAccepted(started.range().from(), started.range().to(), SourceView.of(started.source())));
    }

    /** A misspelt {@code form=} must not quietly fetch today, nor a repeated {@code from} leave the choice to us. */
    private static void refuseOtherParameters(HttpServletRequest request) {
        for (String name : Collections.list(request.getParameterNames())) {
            if (!FETCH_PARAMETERS.contains(name)) {
                throw ProblemException.badRequest("Invalid fetch", "unknown parameter; a fetch takes only from and to"
                        + " (ISO dates such as 2026-04-01)");
            }
            if (request.getParameterValues(name).length > 1) {
                throw ProblemException.badRequest("Invalid fetch", name + " may be given once");
            }
        }
    }

    private OfficialSource source(String id) {
        if (!ID.matcher(id).matches()) {
            throw ProblemException.notFound("no official source by that name; GET /api/rates/sources lists them");
        }
        return sources.find(id).orElseThrow(() -> ProblemException.notFound("no official source is called '" + id
                + "'; GET /api/rates/sources lists them"));
    }
}
