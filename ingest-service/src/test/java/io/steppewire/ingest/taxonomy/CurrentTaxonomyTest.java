package io.steppewire.ingest.taxonomy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CurrentTaxonomyTest {

    private static final String ENERGY_ONLY = "version: v1\ntopics: [{slug: energy, terms: [oil]}]\n";
    private static final String WITH_SPACE = "version: v2\ntopics: [{slug: energy, terms: [oil]}, {slug: space, terms: [rocket]}]\n";

    @TempDir
    Path dir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private CurrentTaxonomy taxonomyFrom(Path file) {
        return new CurrentTaxonomy(new TaxonomyProperties(file.toString(), Duration.ofSeconds(5), true), Clock.systemUTC(), meters);
    }

    @Test
    void usesTheBundledTaxonomyWhenNoFileIsConfigured() {
        CurrentTaxonomy taxonomy = new CurrentTaxonomy(new TaxonomyProperties("", Duration.ofSeconds(5), true), Clock.systemUTC(), meters);
        assertThat(taxonomy.status().loadedFrom()).isEqualTo("classpath:taxonomy/taxonomy.yaml");
        assertThat(taxonomy.status().countries()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void picksUpAnEditedFileWithoutARestart() throws IOException {
        Path file = Files.writeString(dir.resolve("taxonomy.yaml"), ENERGY_ONLY);
        CurrentTaxonomy taxonomy = taxonomyFrom(file);
        assertThat(taxonomy.tagger().tag("Rocket Launch", List.of()).topics()).isEmpty();

        Files.writeString(file, WITH_SPACE);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        taxonomy.reloadIfFileChanged();

        assertThat(taxonomy.status().version()).isEqualTo("v2");
        assertThat(taxonomy.tagger().tag("Rocket Launch", List.of()).topics()).containsExactly("space");
    }

    @Test
    void keepsTheOldTaxonomyWhenTheNewFileIsBrokenAndSaysWhy() throws IOException {
        Path file = Files.writeString(dir.resolve("taxonomy.yaml"), ENERGY_ONLY);
        CurrentTaxonomy taxonomy = taxonomyFrom(file);

        Files.writeString(file, "topics: [{slug: Energy Stuff, terms: [oil]}]\n");
        assertThatThrownBy(taxonomy::reload).isInstanceOfSatisfying(TaxonomyReloadFailedException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
            assertThat(e.getMessage()).contains("slug", "The previous taxonomy (version v1", "stays in use");
            assertThat(e.toProblem().getProperties()).containsEntry("inUse", e.inUse());
            assertThat(e.inUse().version()).isEqualTo("v1");
        });

        assertThat(taxonomy.status().version()).isEqualTo("v1");
        assertThat(taxonomy.status().lastError()).contains("Energy Stuff");
        assertThat(taxonomy.tagger().tag("Oil Output", List.of()).topics()).containsExactly("energy");
        assertThat(meters.counter("steppewire.ingest.taxonomy.reloads", "outcome", "rejected").count()).isEqualTo(1);
    }

    @Test
    void startsWithTheBundledTaxonomyWhenTheConfiguredFileIsBroken() throws IOException {
        Path file = Files.writeString(dir.resolve("taxonomy.yaml"), "countries: nonsense\n");
        CurrentTaxonomy taxonomy = taxonomyFrom(file);
        assertThat(taxonomy.status().loadedFrom()).startsWith("classpath:");
        assertThat(taxonomy.status().lastError()).contains(file.toString());
    }
}
