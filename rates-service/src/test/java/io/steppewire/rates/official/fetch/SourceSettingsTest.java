package io.steppewire.rates.official.fetch;

import io.steppewire.rates.official.bank.CbtFixedRate;
import io.steppewire.rates.settings.RatesSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped settings of the official sources, what the environment may change, and what is refused at start. */
class SourceSettingsTest {

    @Test
    void theShippedSettingsDescribeEveryBankInItsZoneWithItsSchedule() {
        List<SourceSetup> setups = SourceSettings.setups(settings(Map.of()).sources());

        assertThat(setups).extracting(SourceSetup::id).containsExactly("nbk", "cbu", "nbkr", "nbt", "cbt");
        assertThat(setups).allMatch(SourceSetup::enabled).allMatch(setup -> setup.schedule() != null);
        SourceSetup nbk = setups.getFirst();
        assertThat(nbk.url()).isEqualTo(URI.create("https://nationalbank.kz/rss/get_rates.cfm"));
        assertThat(nbk.zone()).isEqualTo(ZoneId.of("Asia/Almaty"));
        // Friday 18:30 in Almaty: the next fetch is Monday at 16:05 there.
        assertThat(nbk.nextRunAfter(Instant.parse("2026-04-03T13:30:00Z"))).contains(Instant.parse("2026-04-06T11:05:00Z"));
        CbtFixedRate cbt = (CbtFixedRate) setups.getLast().format();
        assertThat(cbt.rates()).isEqualTo(Map.of("USD", new BigDecimal("3.50")));
        assertThat(cbt.since()).isEqualTo(LocalDate.of(2015, 1, 1));
    }

    @Test
    void theEnvironmentPointsASourceElsewhereOrSwitchesItOff() {
        List<SourceSetup> setups = SourceSettings.setups(settings(Map.of(
                "STEPPEWIRE_RATES_SOURCES_NBK_URL", "http://mirror.internal:8080/nbk/get_rates.cfm",
                "STEPPEWIRE_RATES_SOURCES_CBT_ENABLED", "false",
                "STEPPEWIRE_RATES_SOURCES_NBT_SCHEDULE", "-")).sources());

        assertThat(setups.getFirst().url()).isEqualTo(URI.create("http://mirror.internal:8080/nbk/get_rates.cfm"));
        assertThat(setups.get(3).schedule()).isNull();
        assertThat(setups.getLast().enabled()).isFalse();
        assertThat(setups.getLast().nextRunAfter(Instant.parse("2026-04-03T13:30:00Z"))).isEmpty();
    }

    @Test
    void aFixedRateSetInTheEnvironmentWinsOverTheShippedOne() {
        List<SourceSetup> setups = SourceSettings.setups(settings(Map.of("STEPPEWIRE_RATES_SOURCES_CBT_FIXEDRATES_USD", "3.85")).sources());

        assertThat(((CbtFixedRate) setups.getLast().format()).rates()).isEqualTo(Map.of("USD", new BigDecimal("3.85")));
    }

    @Test
    void aSettingThatCannotWorkStopsTheServiceNamingIt() {
        assertRefused("STEPPEWIRE_RATES_SOURCES_ECB_URL", "https://ecb.europa.eu", "steppewire.rates.sources.ecb is no official source");
        assertRefused("STEPPEWIRE_RATES_SOURCES_NBK_ZONE", "Asia/Atlantis", "steppewire.rates.sources.nbk.zone must be a time zone");
        assertRefused("STEPPEWIRE_RATES_SOURCES_NBK_SCHEDULE", "at four", "steppewire.rates.sources.nbk.schedule must be a cron");
        assertRefused("STEPPEWIRE_RATES_SOURCES_NBK_URL", "file:///etc/passwd", "steppewire.rates.sources.nbk.url must be an http");
        assertRefused("STEPPEWIRE_RATES_SOURCES_NBK_URL", "https://user:secret@nationalbank.kz/", "no user name");
        assertRefused("STEPPEWIRE_RATES_SOURCES_NBK_HOLIDAYS", "21.03.2026", "steppewire.rates.sources.nbk.holidays must be dates");
        assertRefused("STEPPEWIRE_RATES_SOURCES_CBT_FIXEDRATES_USD", "3,50", "fixed-rates.USD must be a rate");
        assertRefused("STEPPEWIRE_RATES_SOURCES_NBK_FIXEDSINCE", "2015-01-01", "for a fixed rate (cbt) only");
    }

    private static void assertRefused(String variable, String value, String message) {
        assertThatThrownBy(() -> SourceSettings.setups(settings(Map.of(variable, value)).sources())).as(variable)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(message);
    }

    /** The service's application.yaml under an environment holding the given variables, bound as at start. */
    private static RatesSettings settings(Map<String, String> environment) {
        StandardEnvironment env = new StandardEnvironment();
        MutablePropertySources sources = env.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        sources.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new HashMap<>(environment)));
        try {
            for (PropertySource<?> yaml : new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml"))) {
                sources.addLast(yaml);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Binder(ConfigurationPropertySources.get(env), new PropertySourcesPlaceholdersResolver(env))
                .bind("steppewire.rates", Bindable.of(RatesSettings.class)).get();
    }
}
