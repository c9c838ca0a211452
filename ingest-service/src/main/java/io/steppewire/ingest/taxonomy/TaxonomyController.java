package io.steppewire.ingest.taxonomy;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Shows the tagging taxonomy in use and reloads it without a restart. */
@RestController
@RequestMapping("/api/taxonomy")
class TaxonomyController {

    private final CurrentTaxonomy taxonomy;

    TaxonomyController(CurrentTaxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    @GetMapping
    @Operation(summary = "The taxonomy in use, and why the last reload failed if it did")
    TaxonomyStatus status() {
        return taxonomy.status();
    }

    @PostMapping("/reload")
    @Operation(summary = "Reload the taxonomy file now (needs X-Api-Key); a broken file keeps the old taxonomy")
    TaxonomyStatus reload() {
        return taxonomy.reload();
    }
}
