package io.steppewire.localstack;

import io.steppewire.localstack.StackSettings.Part;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LocalStackTest {

    @TempDir
    Path dir;

    @Test
    void wipingDeletesTheDataButKeepsTheStartupCaches() throws Exception {
        Path data = dir.resolve("data");
        Path cache = data.resolve(StackSettings.STARTUP_CACHE_DIR);
        Files.createDirectories(data.resolve("kafka").resolve("logs"));
        Files.writeString(data.resolve("kafka").resolve("logs").resolve("meta.properties"), "node.id=1");
        Files.createDirectories(cache.resolve("notify-service-0123-abcd").resolve("app"));
        Files.writeString(cache.resolve("notify-service-0123-abcd").resolve("ready"), "notify-service.jar");

        LocalStack.wipe(data, Optional.of(cache));

        assertThat(data.resolve("kafka")).doesNotExist();
        assertThat(cache.resolve("notify-service-0123-abcd").resolve("ready")).exists();
    }

    @Test
    void wipingWithoutStartupCachesDeletesEverything() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve(StackSettings.STARTUP_CACHE_DIR).resolve("rates-service-0123-abcd"));

        LocalStack.wipe(data, Optional.empty());

        assertThat(data).doesNotExist();
    }

    @Test
    void ratesServiceIsGivenAStaticGroupIdentityFromItsPortTheOthersDeriveTheirOwn() {
        LocalStack stack = new LocalStack(StackSettings.forTests(dir.resolve("data"), "test-key-0123", 1));

        assertThat(stack.serviceEnvironment(Part.RATES, "http://localhost:18082"))
                .containsEntry(LocalStack.RATES_GROUP_INSTANCE_ID, "rates-service-18082");
        assertThat(stack.serviceEnvironment(Part.ARTICLE, "http://localhost:18083"))
                .doesNotContainKey(LocalStack.RATES_GROUP_INSTANCE_ID)
                .containsAllEntriesOf(stack.serviceEnvironment());
    }

    @Test
    void ratesServiceReadsTheMadeUpBanksOnTheirSchedulesOnlyOnTheCommandLinesStack() {
        StackSettings settings = StackSettings.forTests(dir.resolve("data"), "test-key-0123", 1);
        String sites = "http://127.0.0.1:" + settings.port(Part.SITES);

        assertThat(new LocalStack(settings).serviceEnvironment(Part.RATES, "http://localhost:18082"))
                .containsEntry("STEPPEWIRE_RATES_SOURCES_NBK_URL", sites + "/banks/nbk/rss/get_rates.cfm")
                .containsEntry("STEPPEWIRE_RATES_SOURCES_NBKR_SCHEDULE", "-");
        assertThat(new LocalStack(settings, true).serviceEnvironment(Part.RATES, "http://localhost:18082"))
                .containsEntry("STEPPEWIRE_RATES_SOURCES_CBU_URL", sites + "/banks/cbu/arkhiv-kursov-valyut/json/all/")
                .doesNotContainKey("STEPPEWIRE_RATES_SOURCES_NBKR_SCHEDULE");
    }
}
