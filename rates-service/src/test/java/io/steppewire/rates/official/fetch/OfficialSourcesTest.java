package io.steppewire.rates.official.fetch;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.platform.net.OutboundAddressPolicy;
import io.steppewire.platform.net.http.OutboundHttp;
import io.steppewire.rates.official.InvalidFetchRangeException;
import io.steppewire.rates.official.PublicationCalendar;
import io.steppewire.rates.official.bank.BankFormat;
import io.steppewire.rates.official.bank.CbuRates;
import io.steppewire.rates.official.bank.NbkRates;
import io.steppewire.rates.official.bank.NbkrRates;
import io.steppewire.rates.official.bank.NbtRates;
import io.steppewire.rates.support.OfficialRatesSite;
import io.steppewire.rates.support.OfficialRatesSite.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.steppewire.rates.official.fetch.OfficialSourceTest.THURSDAY_AFTERNOON;
import static io.steppewire.rates.official.fetch.OfficialSourceTest.WEEKDAYS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The sources side by side, each on its own thread: one bank's trouble stays its own. */
class OfficialSourcesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final OfficialRatesSite site = OfficialRatesSite.start();
    /** A deadline far beyond the test, so the stalling bank is still stalling while the others are checked. */
    private final OutboundHttp http = OutboundHttp.create(OutboundAddressPolicy.allowing("127.0.0.0/8"),
            new OutboundHttp.Settings(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(5), 1024 * 1024, "steppewire-test"));
    private final List<RateQuoted> published = new CopyOnWriteArrayList<>();
    private OfficialSources sources;

    @BeforeEach
    void startTheSources() {
        PublicationCalendar weekdays = new PublicationCalendar(WEEKDAYS, Set.of());
        sources = new OfficialSources(List.of(
                setup(new NbkRates(), "/nbk/get_rates.cfm", true, weekdays),
                setup(new CbuRates(), "/cbu/json/all/", true, weekdays),
                setup(new NbtRates(), "/nbt/export_xml.php", true, weekdays),
                setup(new NbkrRates(), "/nbkr/daily.xml", false, weekdays)),
                new BankClient(http), published::addAll, Clock.fixed(THURSDAY_AFTERNOON, ZoneOffset.UTC), 366, 7, Duration.ZERO,
                new OfficialMetrics(new SimpleMeterRegistry()));
        sources.start();
    }

    @AfterEach
    void stopEverything() {
        sources.stop();
        site.close();
        http.close();
    }

    @Test
    void aStallingBankAndAFailingOneDoNotHoldUpTheOthers() {
        site.answer("/nbk/get_rates.cfm?fdate=01.04.2026", Answer.hanging())
                .answer("/nbt/export_xml.php?date=2026-04-01&export=xmlout", Answer.status(500))
                .answer("/cbu/json/all/2026-04-01/", Answer.json("cbu/2026-04-01.json"));

        sources.fetchNow("nbk", "2026-04-01", "2026-04-01");
        await().atMost(PATIENCE).until(() -> site.requestsTo("/nbk").size() == 1);
        sources.fetchNow("nbt", "2026-04-01", "2026-04-01");
        sources.fetchNow("cbu", "2026-04-01", "2026-04-01");

        await().atMost(PATIENCE).until(() -> state("cbu").status() == SourceStatus.OK && state("nbt").status() == SourceStatus.FAILED);
        assertThat(published).hasSize(7).allMatch(quote -> quote.source().equals("cbu"));
        assertThat(state("nbk").running()).as("still waiting for its bank").isNotNull();
        assertThat(state("nbk").status()).isEqualTo(SourceStatus.NEVER_RUN);
    }

    @Test
    void aSecondFetchAskedForWhileTheFirstRunsIsRefused() {
        site.answer("/nbk/get_rates.cfm?fdate=01.04.2026", Answer.hanging());
        sources.fetchNow("nbk", "2026-04-01", null);
        await().atMost(PATIENCE).until(() -> site.requestsTo("/nbk").size() == 1);

        assertThatThrownBy(() -> sources.fetchNow("nbk", "2026-04-01", null)).isInstanceOf(SourceUnavailableException.class)
                .hasMessageContaining("still under way");
        assertThat(site.requestsTo("/nbk")).hasSize(1);
    }

    @Test
    void aDisabledSourceFetchesNothing() {
        assertThatThrownBy(() -> sources.fetchNow("nbkr", null, null)).isInstanceOf(SourceUnavailableException.class)
                .hasMessageContaining("nbkr is disabled");
        assertThat(sources.find("nbkr").orElseThrow().state().status()).isEqualTo(SourceStatus.DISABLED);
        assertThat(site.requests()).isEmpty();
    }

    @Test
    void unknownSourcesAndDatesThatCannotBeFetchedAreRefusedBeforeAnythingRuns() {
        assertThatThrownBy(() -> sources.fetchNow("ecb", null, null)).isInstanceOf(NoSuchSourceException.class)
                .hasMessageContaining("nbk, cbu, nbt, nbkr");
        assertThatThrownBy(() -> sources.fetchNow("nbk", "2025-01-01", "2026-04-01")).isInstanceOf(InvalidFetchRangeException.class);
        assertThat(site.requests()).isEmpty();
    }

    @Test
    void aBankThatPublishesOnlyItsLatestRatesCannotBeFetchedForDates() {
        OfficialSources withNbkr = new OfficialSources(List.of(setup(new NbkrRates(), "/nbkr/daily.xml", true,
                new PublicationCalendar(WEEKDAYS, Set.of()))), new BankClient(http), published::addAll,
                Clock.fixed(THURSDAY_AFTERNOON, ZoneOffset.UTC), 366, 7, Duration.ZERO, new OfficialMetrics(new SimpleMeterRegistry()));

        assertThatThrownBy(() -> withNbkr.fetchNow("nbkr", "2026-04-01", null)).isInstanceOf(InvalidFetchRangeException.class)
                .hasMessageContaining("only its latest rates");
        assertThat(site.requests()).isEmpty();
    }

    private SourceState state(String id) {
        return sources.find(id).orElseThrow().state();
    }

    private SourceSetup setup(BankFormat format, String path, boolean enabled,
                              PublicationCalendar calendar) {
        return new SourceSetup(format, enabled, URI.create(site.baseUrl() + path), ZoneId.of("Asia/Almaty"), null, calendar,
                1024 * 1024);
    }
}
