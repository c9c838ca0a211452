package io.steppewire.ingest.taxonomy;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Where the tagging taxonomy comes from ({@code steppewire.ingest.taxonomy-*}). Kept apart from the page
 * settings so that the taxonomy package needs nothing from the pages package that uses it.
 *
 * @param taxonomyFile          an external taxonomy YAML; empty means the bundled one
 * @param taxonomyCheckInterval how often the external file is checked for changes
 * @param worldCountries        add every country of the bundled world-countries data set under the taxonomy in use
 *                              (its own country entries win); off, only the taxonomy's countries are tagged
 */
@ConfigurationProperties("steppewire.ingest")
public record TaxonomyProperties(@Nullable String taxonomyFile, @DefaultValue("5s") Duration taxonomyCheckInterval,
                                 @DefaultValue("true") boolean worldCountries) {
}
