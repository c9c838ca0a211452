package io.steppewire.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A stand-in for a Spring Boot service jar in {@link StartupCacheTest}: it answers the two commands the start-up
 * cache gives a jar, unpacking ({@code -Djarmode=tools ... extract --destination DIR}, here: a copy of itself) and
 * the training run ({@code -Dspring.context.exit=onRefresh}, here: it notes the run and exits), so the JVM writes a
 * real AOT cache of it. JDK only, so it runs from a jar of its own.
 */
public final class FakeBootService {

    static final String TRAININGS = "FAKE_SERVICE_TRAININGS";
    static final String TRAINING_EXIT_CODE = "FAKE_SERVICE_TRAINING_EXIT_CODE";
    static final String TRAINING_MILLIS = "FAKE_SERVICE_TRAINING_MILLIS";

    public static void main(String[] args) throws Exception {
        Path self = Path.of(FakeBootService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if ("tools".equals(System.getProperty("jarmode")) && args.length == 3 && args[0].equals("extract")) {
            Path destination = Files.createDirectories(Path.of(args[2]));
            Files.copy(self, destination.resolve(self.getFileName()));
            return;
        }
        if ("onRefresh".equals(System.getProperty("spring.context.exit"))) {
            Files.writeString(Path.of(System.getenv(TRAININGS)), "trained\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Thread.sleep(Long.parseLong(System.getenv().getOrDefault(TRAINING_MILLIS, "0")));
            System.exit(Integer.parseInt(System.getenv().getOrDefault(TRAINING_EXIT_CODE, "0")));
        }
    }

    private FakeBootService() {
    }
}
