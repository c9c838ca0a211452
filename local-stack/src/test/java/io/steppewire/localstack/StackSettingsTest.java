package io.steppewire.localstack;

import io.steppewire.localstack.StackSettings.Part;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackSettingsTest {

    private static final Path CHECKOUT = Path.of("/home/dev/steppewire");

    @Test
    void defaultsGiveTheDocumentedPortsAndKeepDataInTheCheckout() {
        StackSettings settings = StackSettings.from(List.of(), name -> null, CHECKOUT);

        assertThat(settings.port(Part.KAFKA)).isEqualTo(9092);
        assertThat(settings.port(Part.MONGO)).isEqualTo(27017);
        assertThat(settings.port(Part.INGEST)).isEqualTo(8081);
        assertThat(settings.port(Part.NOTIFY)).isEqualTo(8084);
        assertThat(settings.dataDir()).isEqualTo(CHECKOUT.resolve("data"));
        assertThat(settings.apiKey()).isEqualTo("local-dev-key");
        assertThat(settings.loadSamples()).isFalse();
        assertThat(settings.wipe()).isFalse();
    }

    @Test
    void aFlagWinsOverTheEnvironmentWhichWinsOverTheDefault() {
        Map<String, String> env = Map.of("STEPPEWIRE_KAFKA_PORT", "19092", "STEPPEWIRE_MONGO_PORT", "37017");

        StackSettings settings = StackSettings.from(List.of("--kafka-port=29092", "--wipe", "--samples"), env::get, CHECKOUT);

        assertThat(settings.port(Part.KAFKA)).isEqualTo(29092);
        assertThat(settings.port(Part.MONGO)).isEqualTo(37017);
        assertThat(settings.wipe()).isTrue();
        assertThat(settings.loadSamples()).isTrue();
    }

    @Test
    void aPortThatIsNoNumberNamesTheSettingToFix() {
        assertThatThrownBy(() -> StackSettings.from(List.of(), Map.of("STEPPEWIRE_ARTICLE_PORT", "eighty")::get, CHECKOUT))
                .hasMessageContaining("article-service").hasMessageContaining("--article-port")
                .hasMessageContaining("STEPPEWIRE_ARTICLE_PORT");
    }

    @Test
    void theMailCatcherListensOnItsOwnPortsAndAnswersTheDashboardsOriginUnlessToldOtherwise() {
        StackSettings defaults = StackSettings.from(List.of("--article-port=18083"), name -> null, CHECKOUT);
        assertThat(defaults.port(Part.MAIL)).isEqualTo(1025);
        assertThat(defaults.port(Part.MAIL_WEB)).isEqualTo(8025);
        assertThat(defaults.mailReaders()).containsExactly("http://localhost:18083", "http://127.0.0.1:18083");

        StackSettings told = StackSettings.from(List.of("--mail-web-port=9025", "--mail-readers=http://dash.local:3000, https://[::1]:8443"),
                Map.of("STEPPEWIRE_MAIL_PORT", "2525", "STEPPEWIRE_MAIL_READERS", "http://ignored:1")::get, CHECKOUT);
        assertThat(told.port(Part.MAIL)).isEqualTo(2525);
        assertThat(told.port(Part.MAIL_WEB)).isEqualTo(9025);
        assertThat(told.mailReaders()).containsExactly("http://dash.local:3000", "https://[::1]:8443");
        assertThat(told.withoutStartupCache().mailReaders()).isEqualTo(told.mailReaders());
    }

    @Test
    void aMailReaderThatIsNoOriginNamesTheSettingToFix() {
        for (String reader : List.of("*", "localhost:8083", "http://localhost:8083/dashboard", "javascript:alert(1)", "http://a b")) {
            assertThatThrownBy(() -> StackSettings.from(List.of("--mail-readers=" + reader), name -> null, CHECKOUT))
                    .as(reader).hasMessageContaining("--mail-readers").hasMessageContaining("STEPPEWIRE_MAIL_READERS");
        }
    }

    @Test
    void anUnknownOptionIsRefusedWithTheUsage() {
        assertThatThrownBy(() -> StackSettings.from(List.of("--kafak-port=1"), name -> null, CHECKOUT))
                .hasMessageContaining("--kafak-port").hasMessageContaining("Usage");
    }

    @Test
    void aBusyPortIsNamedWithTheFlagAndVariableThatMoveIt() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<Part, Integer> ports = new EnumMap<>(Part.class);
            for (Part part : Part.values()) {
                ports.put(part, PortCheck.anyFree());
            }
            ports.put(Part.RATES, squatter.getLocalPort());
            StackSettings settings = new StackSettings(CHECKOUT, CHECKOUT.resolve("data"), ports, "k", false, false, List.of());

            assertThatThrownBy(() -> PortCheck.requireFree(settings))
                    .hasMessageContaining("Port " + squatter.getLocalPort() + " (rates-service)")
                    .hasMessageContaining("--rates-port=<port>").hasMessageContaining("STEPPEWIRE_RATES_PORT=<port>")
                    .hasMessageNotContaining("ingest-service");
        }
    }

    @Test
    void instancesScaleTheConsumersOnlyEachOnItsOwnPortAHundredApart() {
        StackSettings settings = StackSettings.from(List.of("--instances=2", "--article-port=18083"), name -> null, CHECKOUT);

        assertThat(settings.instances()).isEqualTo(2);
        assertThat(settings.instancePorts(Part.ARTICLE)).containsExactly(18083, 18183);
        assertThat(settings.instancePorts(Part.NOTIFY)).containsExactly(8084, 8184);
        assertThat(settings.instancePorts(Part.INGEST)).containsExactly(8081);
        assertThat(settings.instancePorts(Part.RATES)).containsExactly(8082);
    }

    @Test
    void instancesComeFromTheEnvironmentAndDefaultToOne() {
        assertThat(StackSettings.from(List.of(), Map.of("STEPPEWIRE_INSTANCES", "3")::get, CHECKOUT).instances()).isEqualTo(3);
        assertThat(StackSettings.from(List.of(), name -> null, CHECKOUT).instancePorts(Part.NOTIFY)).containsExactly(8084);
    }

    @Test
    void aNumberOfInstancesOutsideTheRangeNamesTheOptionToFix() {
        for (String wrong : List.of("0", "5", "two")) {
            assertThatThrownBy(() -> StackSettings.from(List.of("--instances=" + wrong), name -> null, CHECKOUT))
                    .as(wrong).hasMessageContaining("--instances").hasMessageContaining("STEPPEWIRE_INSTANCES")
                    .hasMessageContaining("'" + wrong + "'");
        }
    }

    @Test
    void aBusySecondInstancePortIsNamedToo() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<Part, Integer> ports = new EnumMap<>(Part.class);
            for (Part part : Part.values()) {
                ports.put(part, PortCheck.anyFree());
            }
            ports.put(Part.NOTIFY, squatter.getLocalPort() - StackSettings.INSTANCE_PORT_STEP);
            StackSettings settings = new StackSettings(CHECKOUT, CHECKOUT.resolve("data"), ports, "k", false, false, List.of(), 2,
                    Optional.empty());

            assertThatThrownBy(() -> PortCheck.requireFree(settings))
                    .hasMessageContaining("Port " + squatter.getLocalPort() + " (notify-service)");
        }
    }

    @Test
    void theStartupCacheLivesInTheDataDirectoryUnlessTurnedOff() {
        assertThat(StackSettings.from(List.of("--data-dir=/var/steppe"), name -> null, CHECKOUT).startupCacheDir())
                .contains(Path.of("/var/steppe/startup-cache"));
        assertThat(StackSettings.from(List.of("--no-startup-cache"), name -> null, CHECKOUT).startupCacheDir()).isEmpty();
        assertThat(StackSettings.from(List.of(), Map.of("STEPPEWIRE_STARTUP_CACHE", "false")::get, CHECKOUT).startupCacheDir())
                .isEmpty();
    }

    @Test
    void testStacksShareOneStartupCacheInTheCheckoutsTarget() {
        Path checkout = Path.of(System.getProperty("steppewire.repository", "..")).toAbsolutePath().normalize();

        StackSettings settings = StackSettings.forTests(Path.of("/tmp/one-test/data"), "k", 1);

        assertThat(settings.startupCacheDir()).contains(checkout.resolve("target").resolve("startup-cache"));
    }

    @Test
    void theDashboardsOriginsAreEveryArticleInstanceByNameAndAddressAndItFindsTheOthersOnTheirPorts() {
        StackSettings settings = StackSettings.from(List.of("--instances=2", "--notify-port=9184"), name -> null, CHECKOUT);

        assertThat(settings.dashboardOrigins()).isEqualTo(
                "http://localhost:8083,http://127.0.0.1:8083,http://localhost:8183,http://127.0.0.1:8183");
        assertThat(settings.dashboardServices()).containsEntry("STEPPEWIRE_DASHBOARD_NOTIFY_URL", "http://localhost:9184")
                .containsEntry("STEPPEWIRE_DASHBOARD_INGEST_URL", "http://localhost:8081")
                .containsEntry("STEPPEWIRE_DASHBOARD_RATES_URL", "http://localhost:8082");
    }
}
