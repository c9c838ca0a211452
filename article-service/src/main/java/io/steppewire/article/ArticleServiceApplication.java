package io.steppewire.article;

import io.steppewire.article.rebuild.RebuildCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.util.Arrays;

/** The read store and query API; started with the argument {@code rebuild} it rebuilds the projection and exits. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ArticleServiceApplication {

    public static void main(String[] args) {
        if (Arrays.asList(args).contains(RebuildCommand.ARGUMENT)) {
            System.exit(RebuildCommand.run(ArticleServiceApplication.class, args));
        }
        SpringApplication.run(ArticleServiceApplication.class, args);
    }
}
