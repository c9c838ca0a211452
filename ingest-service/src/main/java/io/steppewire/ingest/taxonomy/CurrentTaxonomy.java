package io.steppewire.ingest.taxonomy;

import io.micrometer.core.instrument.MeterRegistry;
import io.steppewire.ingest.tagging.TagKind;
import io.steppewire.ingest.tagging.Tagger;
import io.steppewire.ingest.tagging.Taxonomy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Holds the tagger built from the taxonomy in use and swaps it atomically on reload. With an
 * external file configured, the file is checked every {@code taxonomy-check-interval} and reloaded
 * when its modification time or size changes; a file that does not load leaves the old taxonomy
 * in place and the reason in {@link #status()}. Unless switched off, every country of the bundled world-countries
 * data set is added under the taxonomy in use, whose own country entries win.
 */
@Component
public class CurrentTaxonomy {

    static final String BUNDLED = "taxonomy/taxonomy.yaml";
    /** Every ISO 3166-1 country, generated from the world-countries data set (ODbL; see taxonomy/NOTICE). */
    static final String WORLD_COUNTRIES = "taxonomy/world-countries.yaml";
    private static final Logger log = LoggerFactory.getLogger(CurrentTaxonomy.class);

    private record Loaded(Tagger tagger, String origin, Instant at) {
    }

    private record FileStamp(FileTime modified, long size) {
    }

    private final @Nullable Path file;
    private final @Nullable Taxonomy worldCountries;
    private final Clock clock;
    private final MeterRegistry meters;
    private volatile Loaded loaded;
    private volatile @Nullable String lastError;
    private volatile @Nullable Instant lastErrorAt;
    private volatile @Nullable FileStamp lastStamp;

    public CurrentTaxonomy(TaxonomyProperties properties, Clock clock, MeterRegistry meters) {
        String configured = properties.taxonomyFile();
        this.file = configured == null || configured.isBlank() ? null : Path.of(configured);
        this.worldCountries = properties.worldCountries() ? read(WORLD_COUNTRIES) : null;
        this.clock = clock;
        this.meters = meters;
        this.loaded = initial();
    }

    public Tagger tagger() {
        return loaded.tagger();
    }

    public TaxonomyStatus status() {
        Loaded current = loaded;
        Taxonomy taxonomy = current.tagger().taxonomy();
        return new TaxonomyStatus(taxonomy.version(), current.origin(), current.at(), taxonomy.count(TagKind.COUNTRY),
                taxonomy.count(TagKind.CURRENCY), taxonomy.count(TagKind.TOPIC), taxonomy.count(TagKind.ENTITY),
                taxonomy.termCount(), lastError, lastErrorAt);
    }

    /**
     * Loads the configured source again.
     *
     * @throws TaxonomyReloadFailedException when it does not load; the old taxonomy stays
     */
    public TaxonomyStatus reload() {
        try {
            loaded = file == null ? bundled() : fromFile(file);
            lastError = null;
            lastErrorAt = null;
            meters.counter("steppewire.ingest.taxonomy.reloads", "outcome", "loaded").increment();
            log.info("Taxonomy loaded from {}: version {}", loaded.origin(), loaded.tagger().taxonomy().version());
            return status();
        } catch (TaxonomyFormatException e) {
            lastError = e.getMessage();
            lastErrorAt = clock.instant();
            meters.counter("steppewire.ingest.taxonomy.reloads", "outcome", "rejected").increment();
            log.warn("Taxonomy not reloaded, keeping version {} from {}: {}", loaded.tagger().taxonomy().version(),
                    loaded.origin(), e.getMessage());
            throw new TaxonomyReloadFailedException(e.getMessage(), status());
        }
    }

    /** Reloads the external file when it changed since the last look. */
    @Scheduled(fixedDelayString = "${steppewire.ingest.taxonomy-check-interval:5s}")
    void reloadIfFileChanged() {
        if (file == null) {
            return;
        }
        FileStamp stamp = stamp(file);
        if (stamp == null || Objects.equals(stamp, lastStamp)) {
            return;
        }
        try {
            reload();
        } catch (TaxonomyReloadFailedException e) {
            // Already logged and kept in the status; the next change of the file is tried again.
        }
    }

    private Loaded initial() {
        if (file == null) {
            return bundled();
        }
        try {
            return fromFile(file);
        } catch (TaxonomyFormatException e) {
            lastError = e.getMessage();
            lastErrorAt = clock.instant();
            log.error("Taxonomy file {} does not load, tagging with the bundled taxonomy until it is fixed: {}", file,
                    e.getMessage());
            return bundled();
        }
    }

    private Loaded bundled() {
        return new Loaded(tagger(read(BUNDLED)), "classpath:" + BUNDLED, clock.instant());
    }

    private static Taxonomy read(String resource) {
        try (InputStream in = CurrentTaxonomy.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The bundled taxonomy " + resource + " is missing from the jar");
            }
            return TaxonomyReader.read(in, "classpath:" + resource);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the bundled taxonomy " + resource, e);
        }
    }

    private Tagger tagger(Taxonomy taxonomy) {
        return new Tagger(worldCountries == null ? taxonomy : taxonomy.withCountriesFrom(worldCountries));
    }

    private Loaded fromFile(Path path) {
        // Remember the stamp before reading, so a write during the read triggers another reload.
        lastStamp = stamp(path);
        try (InputStream in = Files.newInputStream(path)) {
            return new Loaded(tagger(TaxonomyReader.read(in, path.toString())), path.toString(), clock.instant());
        } catch (IOException e) {
            throw new TaxonomyFormatException("Cannot read taxonomy file " + path + ": " + e.getMessage(), e);
        }
    }

    private static @Nullable FileStamp stamp(Path path) {
        try {
            return new FileStamp(Files.getLastModifiedTime(path), Files.size(path));
        } catch (IOException e) {
            return null;
        }
    }
}
