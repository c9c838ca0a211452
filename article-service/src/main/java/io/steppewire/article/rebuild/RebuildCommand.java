package io.steppewire.article.rebuild;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.stream.Stream;

/**
 * {@code java -jar article-service.jar rebuild}: the same service without its web server and live
 * listeners, running {@link ProjectionRebuild} once and exiting with 0 on success.
 */
@Component
@ConditionalOnBooleanProperty(RebuildCommand.REQUESTED)
public class RebuildCommand implements ApplicationRunner, ExitCodeGenerator {

    public static final String ARGUMENT = "rebuild";
    static final String REQUESTED = "steppewire.rebuild.requested";

    private final ProjectionRebuild rebuild;
    private int exitCode = 1;

    public RebuildCommand(ProjectionRebuild rebuild) {
        this.rebuild = rebuild;
    }

    public static int run(Class<?> application, String[] args) {
        SpringApplication app = new SpringApplication(application);
        app.setWebApplicationType(WebApplicationType.NONE);
        // As command-line arguments, because these must win over application.yaml.
        String[] withRebuild = Stream.concat(Arrays.stream(args),
                Stream.of("--" + REQUESTED + "=true", "--steppewire.projection.listeners-enabled=false")).toArray(String[]::new);
        try (ConfigurableApplicationContext context = app.run(withRebuild)) {
            return SpringApplication.exit(context);
        }
    }

    @Override
    public void run(ApplicationArguments args) {
        rebuild.rebuild(System.out::println);
        exitCode = 0;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
