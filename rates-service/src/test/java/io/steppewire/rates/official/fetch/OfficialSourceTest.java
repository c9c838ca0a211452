package io.steppewire.rates.official.fetch;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.platform.net.OutboundAddressPolicy;
import io.steppewire.platform.net.http.OutboundHttp;
import io.steppewire.rates.official.FetchRange;
import io.steppewire.rates.official.PublicationCalendar;
import io.steppewire.rates.official.bank.BankFormat;
import io.steppewire.rates.official.bank.CbtFixedRate;
import io.steppewire.rates.official.bank.CbuRates;
import io.steppewire.rates.official.bank.NbkRates;
import io.steppewire.rates.official.bank.NbkrRates;
import io.steppewire.rates.official.bank.NbtRates;
import io.steppewire.rates.support.OfficialRatesSite;
import io.steppewire.rates.support.OfficialRatesSite.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One source's fetches against the banks' formats served from a local site: what is published, what is not, and what
 * its state says afterwards. Fetches run on the test's thread here; {@link OfficialSourcesTest} runs them on theirs.
 */
class OfficialSourceTest {

    /** Thursday 2 April 2026, 15:00 in Almaty and Dushanbe, 16:00 in Bishkek, 15:00 in Tashkent and Ashgabat. */
    static final Instant THURSDAY_AFTERNOON = Instant.parse("2026-04-02T10:00:00Z");
    static final LocalDate WEDNESDAY = LocalDate.of(2026, 4, 1);
    static final LocalDate THURSDAY = LocalDate.of(2026, 4, 2);
    static final LocalDate FRIDAY = LocalDate.of(2026, 4, 3);
    static final LocalDate SATURDAY = LocalDate.of(2026, 4, 4);
    static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    static final Duration DEADLINE = Duration.ofSeconds(2);

    static OfficialRatesSite site;
    static OutboundHttp http;

    private final List<List<RateQuoted>> published = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeAll
    static void startTheBanksSite() {
        site = OfficialRatesSite.start();
        http = OutboundHttp.create(OutboundAddressPolicy.allowing("127.0.0.0/8"),
                new OutboundHttp.Settings(Duration.ofSeconds(1), Duration.ofSeconds(1), DEADLINE, 1024 * 1024, "steppewire-test"));
    }

    @AfterAll
    static void stopTheBanksSite() {
        http.close();
        site.close();
    }

    @AfterEach
    void forgetTheAnswers() {
        site.reset();
    }

    @Test
    void theKazakhBanksDayIsPublishedInOneBatchWithItsChangesAsReportedMoves() {
        site.answer("/nbk/get_rates.cfm?fdate=01.04.2026", Answer.xml("nbk/rates-2026-04-01.xml"));
        OfficialSource nbk = source(new NbkRates(), "/nbk/get_rates.cfm");

        nbk.run(FetchRange.of(WEDNESDAY), false);

        assertThat(published).singleElement().satisfies(batch -> {
            assertThat(batch).hasSize(9).allMatch(quote -> quote.source().equals("nbk"))
                    .allMatch(quote -> quote.asOf().equals(Instant.parse("2026-04-01T00:00:00Z")));
            assertThat(batch).filteredOn(quote -> quote.pair().equals("KZT/USD")).singleElement().satisfies(tenge -> {
                assertThat(tenge.quotedAs().rate()).isEqualTo(new BigDecimal("471.23"));
                assertThat(tenge.reportedChangePct()).isEqualByComparingTo("0.6048");
            });
            assertThat(batch).filteredOn(quote -> quote.pair().equals("AMD/KZT")).singleElement()
                    .satisfies(dram -> assertThat(dram.rate()).isEqualTo(new BigDecimal("1.241")));
        });
        SourceState state = nbk.state();
        assertThat(state.status()).isEqualTo(SourceStatus.OK);
        assertThat(state.lastPublishedDate()).isEqualTo(WEDNESDAY);
        assertThat(state.lastPublishedQuotes()).isEqualTo(9);
        assertThat(state.lastOutcome()).isEqualTo("published 9 rates of 2026-04-01");
        assertThat(state.running()).isNull();
        assertThat(registry.get(OfficialMetrics.QUOTES_PUBLISHED).tag("source", "nbk").counter().count()).isEqualTo(9.0);
    }

    @Test
    void theUzbekBanksArchiveIsReadPerDate() {
        site.answer("/cbu/json/all/2026-04-01/", Answer.json("cbu/2026-04-01.json"));

        source(new CbuRates(), "/cbu/json/all/").run(FetchRange.of(WEDNESDAY), false);

        assertThat(published).singleElement().satisfies(batch -> assertThat(batch).hasSize(7)
                .filteredOn(quote -> quote.pair().equals("IDR/UZS")).singleElement()
                .satisfies(rupiah -> assertThat(rupiah.rate()).isEqualTo(new BigDecimal("0.766"))));
    }

    @Test
    void theTajikBanksRatesPerHundredSumBecomeSomoniPerSum() {
        site.answer("/nbt/export_xml.php?date=2026-04-01&export=xmlout", Answer.xml("nbt/2026-04-01.xml"));

        source(new NbtRates(), "/nbt/export_xml.php").run(FetchRange.of(WEDNESDAY), false);

        assertThat(published).singleElement().satisfies(batch -> assertThat(batch).hasSize(9)
                .filteredOn(quote -> quote.pair().equals("TJS/UZS")).singleElement()
                .satisfies(somoni -> {
                    assertThat(somoni.quotedAs().pair()).isEqualTo("UZS/TJS");
                    assertThat(somoni.quotedAs().rate()).isEqualTo(new BigDecimal("0.000857"));
                    assertThat(somoni.quotedAs().decimals()).isEqualTo(6);
                }));
    }

    @Test
    void theKyrgyzBanksLatestRatesArePublishedForTheDateTheyCarry() {
        site.answer("/nbkr/daily.xml", Answer.fixture("nbkr/daily.xml", "application/xml"));

        source(new NbkrRates(), "/nbkr/daily.xml").run(FetchRange.of(THURSDAY), false);

        assertThat(published).singleElement().satisfies(batch -> assertThat(batch).hasSize(5)
                .allMatch(quote -> quote.asOf().equals(Instant.parse("2026-04-02T00:00:00Z"))));
    }

    @Test
    void theKyrgyzBanksRatesDatedOnASaturdayAreNoNewRate() {
        site.answer("/nbkr/daily.xml", Answer.fixture("nbkr/daily-saturday.xml", "application/xml"));
        OfficialSource nbkr = source(new NbkrRates(), "/nbkr/daily.xml", Clock.fixed(Instant.parse("2026-04-03T12:00:00Z"), ZoneOffset.UTC));

        nbkr.run(FetchRange.of(FRIDAY), false);

        assertThat(published).isEmpty();
        assertThat(nbkr.state().status()).isEqualTo(SourceStatus.NO_NEW_RATE);
        assertThat(nbkr.state().lastOutcome()).contains("2026-04-04 is a Saturday");
    }

    @Test
    void ratesDatedMoreThanADayAheadAreRefused() {
        site.answer("/nbkr/daily.xml", Answer.fixture("nbkr/daily-saturday.xml", "application/xml"));
        OfficialSource nbkr = source(new NbkrRates(), "/nbkr/daily.xml");

        nbkr.run(FetchRange.of(THURSDAY), false);

        assertThat(published).isEmpty();
        assertThat(nbkr.state().lastError()).contains("more than a day after today (2026-04-02)");
    }

    @Test
    void theTurkmenFixedRateIsPublishedWhileTheBanksPageStillShowsIt() {
        site.answer("/cbt/kurs_today.html", Answer.fixture("cbt/kurs_today.html", "text/html; charset=utf-8"));

        source(fixedManat(), "/cbt/kurs_today.html").run(FetchRange.of(WEDNESDAY), false);

        assertThat(published).singleElement().satisfies(batch -> assertThat(batch).singleElement().satisfies(manat -> {
            assertThat(manat.pair()).isEqualTo("TMT/USD");
            assertThat(manat.quotedAs().rate()).isEqualTo(new BigDecimal("3.50"));
            assertThat(manat.source()).isEqualTo("cbt");
        }));
    }

    @Test
    void aDevaluationOnTheTurkmenBanksPageStopsTheFixedRate() {
        site.answer("/cbt/kurs_today.html", Answer.fixture("cbt/kurs_devalued.html", "text/html; charset=utf-8"));
        OfficialSource cbt = source(fixedManat(), "/cbt/kurs_today.html");

        cbt.run(FetchRange.of(WEDNESDAY), false);

        assertThat(published).isEmpty();
        assertThat(cbt.state().status()).isEqualTo(SourceStatus.FAILED);
        assertThat(cbt.state().lastError()).contains("no longer shows USD at 3.50");
    }

    @Test
    void onAWeekendNothingIsFetchedAndNothingEmitted() {
        OfficialSource nbk = source(new NbkRates(), "/nbk/get_rates.cfm");

        nbk.run(FetchRange.of(SATURDAY), false);

        assertThat(site.requests()).isEmpty();
        assertThat(published).isEmpty();
        assertThat(nbk.state().status()).isEqualTo(SourceStatus.NO_NEW_RATE);
        assertThat(nbk.state().lastOutcome()).isEqualTo("no new rate: 2026-04-04 is a Saturday, not a publication day");
    }

    @Test
    void onAConfiguredHolidayNothingIsFetched() {
        LocalDate nauryz = LocalDate.of(2026, 3, 23);
        OfficialSource nbk = source(new NbkRates(), "/nbk/get_rates.cfm", new PublicationCalendar(WEEKDAYS, Set.of(nauryz)));

        nbk.run(FetchRange.of(nauryz), false);

        assertThat(site.requests()).isEmpty();
        assertThat(nbk.state().lastOutcome()).contains("holiday");
    }

    @Test
    void aBankAnsweringAHolidayWithItsLastRatesEmitsNothing() {
        site.answer("/nbk/get_rates.cfm?fdate=23.03.2026", Answer.xml("nbk/rates-2026-03-20.xml"));
        OfficialSource nbk = source(new NbkRates(), "/nbk/get_rates.cfm");

        nbk.run(FetchRange.of(LocalDate.of(2026, 3, 23)), false);

        assertThat(published).isEmpty();
        assertThat(nbk.state().status()).isEqualTo(SourceStatus.NO_NEW_RATE);
        assertThat(nbk.state().lastOutcome()).contains("answered with its rates of 2026-03-20, none for 2026-03-23");
    }

    @Test
    void anArchiveAnsweringASaturdayWithFridaysRatesEmitsNothingEvenWhereSaturdaysArePublicationDays() {
        site.answer("/cbu/json/all/2026-04-04/", Answer.json("cbu/2026-04-04.json"));
        OfficialSource cbu = source(new CbuRates(), "/cbu/json/all/", new PublicationCalendar(EnumSet.allOf(DayOfWeek.class), Set.of()));

        cbu.run(FetchRange.of(SATURDAY), false);

        assertThat(site.requests()).hasSize(1);
        assertThat(published).isEmpty();
        assertThat(cbu.state().lastOutcome()).contains("answered with its rates of 2026-04-03, none for 2026-04-04");
    }

    @Test
    void aServerErrorFailsTheFetchAndPublishesNothing() {
        site.answer("/nbk/get_rates.cfm?fdate=01.04.2026", Answer.status(500));
        OfficialSource nbk = source(new NbkRates(), "/nbk/get_rates.cfm");

        nbk.run(FetchRange.of(WEDNESDAY), false);

        assertThat(published).isEmpty();
        assertThat(nbk.state().status()).isEqualTo(SourceStatus.FAILED);
        assertThat(nbk.state().lastError()).isEqualTo("2026-04-01: the bank answered HTTP 500");
        assertThat(nbk.state().lastErrorAt()).isEqualTo(THURSDAY_AFTERNOON);
        assertThat(registry.get(OfficialMetrics.DATES).tag("source", "nbk").tag("outcome", "failed").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aMalformedAnswerFailsTheFetchAndPublishesNothingOfIt() {
        site.answer("/nbk/get_rates.cfm?fdate=01.04.2026", Answer.xml("nbk/malformed-rate.xml"));
        OfficialSource nbk = source(new NbkRates(), "/nbk/get_rates.cfm");

        nbk.run(FetchRange.of(WEDNESDAY), false);

        assertThat(published).isEmpty();
        assertThat(nbk.state().lastError()).contains("not a publication of the National Bank of Kazakhstan", "47l.23");
    }

    @Test
    void aBankThatStallsIsGivenUpWhenItSendsNothingForTheResponseTimeout() {
        site.answer("/nbk/get_rates.cfm?fdate=01.04.2026", Answer.hanging());
        OfficialSource nbk = source(new NbkRates(), "/nbk/get_rates.cfm");

        nbk.run(FetchRange.of(WEDNESDAY), false);

        assertThat(published).isEmpty();
        assertThat(nbk.state().status()).isEqualTo(SourceStatus.FAILED);
        assertThat(nbk.state().lastError()).contains("the bank sent nothing for PT1S");
    }

    @Test
    void aBankThatTricklesItsAnswerIsGivenUpAtTheDeadline() {
        site.answer("/nbk/get_rates.cfm?fdate=01.04.2026", Answer.trickling(Answer.xml("nbk/rates-2026-04-01.xml"), Duration.ofMillis(200)));
        OfficialSource nbk = source(new NbkRates(), "/nbk/get_rates.cfm");

        nbk.run(FetchRange.of(WEDNESDAY), false);

        assertThat(published).isEmpty();
        assertThat(nbk.state().lastError()).contains("no complete answer within " + DEADLINE);
    }

    @Test
    void aRedirectIsNotFollowedButNamedSoTheAddressCanBeSet() {
        site.answer("/nbk/get_rates.cfm?fdate=01.04.2026", Answer.redirect("https://nationalbank.kz/rss/get_rates.cfm?fdate=01.04.2026"));
        OfficialSource nbk = source(new NbkRates(), "/nbk/get_rates.cfm");

        nbk.run(FetchRange.of(WEDNESDAY), false);

        assertThat(site.requests()).hasSize(1);
        assertThat(nbk.state().lastError()).contains("HTTP 301 pointing to https://nationalbank.kz/", "redirects are not followed");
    }

    @Test
    void anAnswerLargerThanTheSourcesLimitIsDroppedUnread() {
        site.answer("/nbk/get_rates.cfm?fdate=01.04.2026", Answer.xml("nbk/rates-2026-04-01.xml"));
        OfficialSource nbk = new OfficialSource(new SourceSetup(new NbkRates(), true, URI.create(site.baseUrl() + "/nbk/get_rates.cfm"),
                ZoneId.of("Asia/Almaty"), null, new PublicationCalendar(WEEKDAYS, Set.of()), 512), new BankClient(http),
                published::add, Clock.fixed(THURSDAY_AFTERNOON, ZoneOffset.UTC), 7, Duration.ZERO, new OfficialMetrics(registry));

        nbk.run(FetchRange.of(WEDNESDAY), false);

        assertThat(published).isEmpty();
        assertThat(nbk.state().lastError()).contains("larger than 512 bytes");
    }

    @Test
    void anAddressThePolicyRefusesIsNeverCalled() {
        try (OutboundHttp publicOnly = OutboundHttp.create(OutboundAddressPolicy.publicOnly(), OutboundHttp.Settings.defaults())) {
            OfficialSource nbk = new OfficialSource(new SourceSetup(new NbkRates(), true, URI.create(site.baseUrl() + "/nbk/get_rates.cfm"),
                    ZoneId.of("Asia/Almaty"), null, new PublicationCalendar(WEEKDAYS, Set.of()), 1024 * 1024),
                    new BankClient(publicOnly), published::add, Clock.fixed(THURSDAY_AFTERNOON, ZoneOffset.UTC), 7, Duration.ZERO,
                    new OfficialMetrics(registry));

            nbk.run(FetchRange.of(WEDNESDAY), false);

            assertThat(site.requests()).isEmpty();
            assertThat(nbk.state().lastError()).contains("may not be called");
        }
    }

    @Test
    void kafkaRefusingTheBatchFailsTheFetchAndNothingCountsAsPublished() {
        site.answer("/nbk/get_rates.cfm?fdate=01.04.2026", Answer.xml("nbk/rates-2026-04-01.xml"));
        OfficialSource nbk = new OfficialSource(setup(new NbkRates(), "/nbk/get_rates.cfm", new PublicationCalendar(WEEKDAYS, Set.of())),
                new BankClient(http), quotes -> {
                    throw new IllegalStateException("Timeout expired while awaiting EndTxn");
                }, Clock.fixed(THURSDAY_AFTERNOON, ZoneOffset.UTC), 7, Duration.ZERO, new OfficialMetrics(registry));

        nbk.run(FetchRange.of(WEDNESDAY), false);

        assertThat(nbk.state().lastError()).contains("Kafka did not take the rates of 2026-04-01");
        assertThat(nbk.state().lastPublishedDate()).isNull();
    }

    @Test
    void aRangeIsFetchedDateByDateSkippingWeekendsAndDaysWithoutANewRate() {
        site.answer("/nbk/get_rates.cfm?fdate=01.04.2026", Answer.xml("nbk/rates-2026-04-01.xml"))
                .answer("/nbk/get_rates.cfm?fdate=02.04.2026", Answer.xml("nbk/rates-2026-04-02.xml"))
                .answer("/nbk/get_rates.cfm?fdate=03.04.2026", Answer.xml("nbk/rates-2026-04-02.xml"));
        OfficialSource nbk = source(new NbkRates(), "/nbk/get_rates.cfm");

        nbk.run(new FetchRange(WEDNESDAY, LocalDate.of(2026, 4, 5)), false);

        assertThat(site.requests()).hasSize(3);
        assertThat(published).hasSize(2);
        assertThat(published.get(1)).allMatch(quote -> quote.asOf().equals(Instant.parse("2026-04-02T00:00:00Z")));
        assertThat(nbk.state().status()).isEqualTo(SourceStatus.OK);
        assertThat(nbk.state().lastPublishedDate()).isEqualTo(THURSDAY);
        assertThat(nbk.state().lastOutcome()).startsWith("2026-04-01 to 2026-04-05: 2 date(s) published (18 rates), 0 published"
                + " already, 3 without a new rate");
    }

    @Test
    void aRangeStopsAtTheFirstDateThatFailsSoADownBankIsAskedOnce() {
        site.answer("/nbk/get_rates.cfm?fdate=01.04.2026", Answer.xml("nbk/rates-2026-04-01.xml"))
                .answer("/nbk/get_rates.cfm?fdate=02.04.2026", Answer.status(503))
                .answer("/nbk/get_rates.cfm?fdate=03.04.2026", Answer.xml("nbk/rates-2026-04-02.xml"));
        OfficialSource nbk = source(new NbkRates(), "/nbk/get_rates.cfm");

        nbk.run(new FetchRange(WEDNESDAY, FRIDAY), false);

        assertThat(site.requests()).hasSize(2);
        assertThat(published).hasSize(1);
        assertThat(nbk.state().lastError())
                .isEqualTo("2026-04-02: the bank answered HTTP 503 (1 date(s) published before it, up to 2026-04-01)");
        assertThat(nbk.state().lastPublishedDate()).isEqualTo(WEDNESDAY);
    }

    @Test
    void aScheduledFetchOfADayAlreadyPublishedPublishesNothingButOneAskedForPublishesTheSameIdsAgain() {
        site.answer("/nbk/get_rates.cfm?fdate=02.04.2026", Answer.xml("nbk/rates-2026-04-02.xml"));
        OfficialSource nbk = source(new NbkRates(), "/nbk/get_rates.cfm");

        nbk.run(FetchRange.of(THURSDAY), true);
        nbk.run(FetchRange.of(THURSDAY), true);

        assertThat(published).hasSize(1);
        assertThat(nbk.state().status()).isEqualTo(SourceStatus.OK);
        assertThat(nbk.state().lastOutcome()).isEqualTo("the rates of 2026-04-02 were published already and have not changed");

        nbk.run(FetchRange.of(THURSDAY), false);

        assertThat(published).hasSize(2);
        assertThat(published.get(1)).extracting(RateQuoted::quoteId)
                .containsExactlyElementsOf(published.get(0).stream().map(RateQuoted::quoteId).toList());
    }

    @Test
    void aScheduledFetchCatchesUpTheDaysSinceTheLastOnePublished() {
        OfficialSource cbt = source(fixedManat(), null);
        cbt.run(FetchRange.of(LocalDate.of(2026, 3, 27)), false);

        FetchRange catchUp = cbt.scheduledRange();
        cbt.run(catchUp, true);

        assertThat(catchUp).isEqualTo(new FetchRange(LocalDate.of(2026, 3, 28), THURSDAY));
        assertThat(published).extracting(batch -> batch.getFirst().asOf()).containsExactly(
                Instant.parse("2026-03-27T00:00:00Z"), Instant.parse("2026-03-30T00:00:00Z"),
                Instant.parse("2026-03-31T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"), Instant.parse("2026-04-02T00:00:00Z"));
    }

    @Test
    void aScheduledFetchLooksNoFurtherBackThanItsCatchUpDaysAndWithoutHistoryOnlyAtToday() {
        OfficialSource cbt = source(fixedManat(), null);

        assertThat(cbt.scheduledRange()).isEqualTo(FetchRange.of(THURSDAY));

        cbt.run(FetchRange.of(LocalDate.of(2026, 1, 5)), false);
        assertThat(cbt.scheduledRange()).isEqualTo(new FetchRange(LocalDate.of(2026, 3, 27), THURSDAY));
    }

    @Test
    void todayIsTheDateInTheBanksOwnZone() {
        Clock lateEveningInUtc = Clock.fixed(Instant.parse("2026-04-01T20:30:00Z"), ZoneOffset.UTC);

        assertThat(source(new NbkRates(), "/nbk", lateEveningInUtc).today()).as("01:30 in Almaty").isEqualTo(THURSDAY);
        assertThat(new OfficialSource(new SourceSetup(new NbkRates(), true, null, ZoneOffset.UTC, null,
                new PublicationCalendar(WEEKDAYS, Set.of()), 1), new BankClient(http), published::add, lateEveningInUtc, 7,
                Duration.ZERO, new OfficialMetrics(registry)).today()).isEqualTo(WEDNESDAY);
    }

    static CbtFixedRate fixedManat() {
        return new CbtFixedRate(Map.of("USD", new BigDecimal("3.50")), LocalDate.of(2015, 1, 1));
    }

    private OfficialSource source(BankFormat format, String path) {
        return source(format, path, new PublicationCalendar(WEEKDAYS, Set.of()));
    }

    private OfficialSource source(BankFormat format, String path, Clock clock) {
        return new OfficialSource(setup(format, path, new PublicationCalendar(WEEKDAYS, Set.of())), new BankClient(http),
                published::add, clock, 7, Duration.ZERO, new OfficialMetrics(registry));
    }

    private OfficialSource source(BankFormat format, String path, PublicationCalendar calendar) {
        return new OfficialSource(setup(format, path, calendar), new BankClient(http), published::add,
                Clock.fixed(THURSDAY_AFTERNOON, ZoneOffset.UTC), 7, Duration.ZERO, new OfficialMetrics(registry));
    }

    static SourceSetup setup(BankFormat format, String path, PublicationCalendar calendar) {
        return new SourceSetup(format, true, path == null ? null : URI.create(site.baseUrl() + path), zoneOf(format), null,
                calendar, 1024 * 1024);
    }

    private static ZoneId zoneOf(BankFormat format) {
        return ZoneId.of(switch (format.id()) {
            case "nbk" -> "Asia/Almaty";
            case "cbu" -> "Asia/Tashkent";
            case "nbkr" -> "Asia/Bishkek";
            case "nbt" -> "Asia/Dushanbe";
            default -> "Asia/Ashgabat";
        });
    }
}
