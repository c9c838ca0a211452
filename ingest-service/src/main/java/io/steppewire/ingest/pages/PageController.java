package io.steppewire.ingest.pages;

import io.steppewire.platform.web.BodyTooLargeException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;

/** Takes flattened news pages in; answers once Kafka has committed their events. */
@RestController
@RequestMapping("/api/pages")
class PageController {

    private final IngestPage ingestPage;
    private final PageIngestSlots slots;
    private final long maxBytes;

    PageController(IngestPage ingestPage, PageIngestSlots slots, IngestProperties properties) {
        this.ingestPage = ingestPage;
        this.slots = slots;
        this.maxBytes = properties.maxPageSize().toBytes();
    }

    @PostMapping(consumes = MediaType.TEXT_PLAIN_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Ingest a flattened news page",
            description = "Splits the page into articles and ticker quotes and publishes them in one Kafka transaction;"
                    + " 202 only after the commit. With dryRun=true nothing is published and the answer explains every"
                    + " line. Needs X-Api-Key.")
    ResponseEntity<PageResponses.PageResponse> ingest(
            @Parameter(description = "The site the page came from, e.g. steppe-daily")
            @RequestParam(defaultValue = "unknown") String source,
            @Parameter(description = "Parse and explain only; publish nothing")
            @RequestParam(defaultValue = "false") boolean dryRun,
            HttpServletRequest request) throws IOException {
        try (PageIngestSlots.Slot slot = slots.claim()) {
            byte[] body = readLimited(request);
            PageIngestion ingestion = ingestPage.ingest(body, source, dryRun);
            return ResponseEntity.status(dryRun ? HttpStatus.OK : HttpStatus.ACCEPTED)
                    .body(PageResponses.PageResponse.of(ingestion));
        }
    }

    /**
     * The platform's body limit ({@code BodyLimit} for /api/pages) refuses larger bodies before they get here; reading
     * at most one byte more than the limit keeps this endpoint bounded even without it.
     */
    private byte[] readLimited(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (body.length > maxBytes) {
                throw new BodyTooLargeException(maxBytes);
            }
            return body;
        }
    }
}
