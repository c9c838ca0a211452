package io.steppewire.ingest.pages;

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
    private final long maxBytes;

    PageController(IngestPage ingestPage, IngestProperties properties) {
        this.ingestPage = ingestPage;
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
        byte[] body = readLimited(request);
        PageIngestion ingestion = ingestPage.ingest(body, source, dryRun);
        return ResponseEntity.status(dryRun ? HttpStatus.OK : HttpStatus.ACCEPTED)
                .body(PageResponses.PageResponse.of(ingestion));
    }

    /** Reads at most the configured size plus one byte, so an oversized body is refused without buffering it all. */
    private byte[] readLimited(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(declared);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (body.length > maxBytes) {
                throw tooLarge(-1);
            }
            return body;
        }
    }

    private PageRejectedException tooLarge(long declared) {
        return new PageRejectedException(HttpStatus.CONTENT_TOO_LARGE, "Page too large", "too_large",
                "The page is larger than the limit of " + maxBytes + " bytes"
                        + (declared > 0 ? " (Content-Length " + declared + ")" : "")
                        + ". Split it, or raise steppewire.ingest.max-page-size (env STEPPEWIRE_INGEST_MAX_PAGE_SIZE).",
                null);
    }
}
