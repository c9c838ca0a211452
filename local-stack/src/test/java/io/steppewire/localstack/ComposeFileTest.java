package io.steppewire.localstack;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs where we build, so docker-compose.yml is checked against what the services
 * really read: their ports, the variables their configuration uses, their Dockerfiles.
 */
class ComposeFileTest {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)(:[^}]*)?}");

    private static Path repository;
    private static JsonNode compose;

    @BeforeAll
    static void readTheComposeFile() throws IOException {
        repository = Path.of(System.getProperty("steppewire.repository", "..")).toAbsolutePath().normalize();
        compose = YAML.readTree(Files.readString(repository.resolve("docker-compose.yml")));
    }

    static Stream<String> services() {
        return LocalStack.SERVICES.keySet().stream().sorted();
    }

    @Test
    void composeRunsExactlyTheFourServicesOnKafkaAndMongoWithAMailCatcher() {
        Set<String> names = new HashSet<>();
        compose.path("services").propertyNames().forEach(names::add);

        assertThat(names).containsExactlyInAnyOrder("kafka", "mongo", "mailpit", "ingest-service", "rates-service",
                "article-service", "notify-service");
        assertThat(compose.path("services").path("kafka").path("image").asString()).matches("apache/kafka:4\\.1\\.\\d+");
        assertThat(compose.path("services").path("mongo").path("image").asString()).matches("mongo:8\\.0\\.\\d+");
        assertThat(compose.path("services").path("kafka").path("healthcheck").isMissingNode()).isFalse();
        assertThat(compose.path("services").path("mongo").path("healthcheck").isMissingNode()).isFalse();
    }

    /** The dashboard's browser calls every service from article-service's published origin. */
    @ParameterizedTest
    @MethodSource("services")
    void everyServiceAllowsTheDashboardsOrigin(String service) throws IOException {
        assertThat(environmentOf(service).get("STEPPEWIRE_HTTP_CORS_ALLOWED_ORIGINS").asString())
                .isEqualTo("${STEPPEWIRE_DASHBOARD_ORIGIN:-http://localhost:" + serverPort("article-service") + "}");
    }

    /** Mail from notify-service lands in Mailpit, pinned to one release, whose page is published; nothing is delivered. */
    @Test
    void notifyServiceSendsItsMailToThePinnedMailCatcher() throws IOException {
        JsonNode mailpit = compose.path("services").path("mailpit");
        Map<String, JsonNode> notify = environmentOf("notify-service");

        assertThat(mailpit.path("image").asString()).matches("axllent/mailpit:v\\d+\\.\\d+\\.\\d+");
        assertThat(mailpit.path("healthcheck").path("test").toString()).contains("readyz");
        assertThat(mailpit.path("ports").get(0).asString()).isEqualTo("8025:8025");
        assertThat(mailpit.path("environment").path("MP_MAX_MESSAGES").asInt()).isEqualTo(MailCatcher.KEPT);
        assertThat(mailpit.path("environment").path("MP_API_CORS").asString())
                .isEqualTo("http://localhost:" + serverPort("article-service"));
        assertThat(notify.get("SPRING_MAIL_HOST").asString()).isEqualTo("${SPRING_MAIL_HOST:-mailpit}");
        assertThat(notify.get("SPRING_MAIL_PORT").asString()).isEqualTo("${SPRING_MAIL_PORT:-1025}");
        assertThat(compose.path("services").path("notify-service").path("depends_on").path("mailpit").path("condition")
                .asString()).isEqualTo("service_healthy");
    }

    @ParameterizedTest
    @MethodSource("services")
    void eachServicePublishesTheSamePortItListensOnAndChecksItsHealthThere(String service) throws IOException {
        JsonNode definition = compose.path("services").path(service);
        int port = serverPort(service);

        assertThat(definition.path("ports").get(0).asString()).isEqualTo(port + ":" + port);
        assertThat(definition.path("healthcheck").path("test").toString()).contains("localhost:" + port + "/actuator/health");
        Path dockerfile = repository.resolve(definition.path("build").path("dockerfile").asString());
        assertThat(dockerfile).exists();
        assertThat(Files.readString(dockerfile)).contains("EXPOSE ${PORT}").contains("-pl \"${SERVICE}\"");
        assertThat(definition.path("build").path("args").path("SERVICE").asString()).isEqualTo(service);
        assertThat(definition.path("build").path("args").path("PORT").asInt()).isEqualTo(port);
    }

    @ParameterizedTest
    @MethodSource("services")
    void eachServiceWaitsForHealthyInfrastructure(String service) {
        JsonNode dependsOn = compose.path("services").path(service).path("depends_on");

        assertThat(dependsOn.path("kafka").path("condition").asString()).isEqualTo("service_healthy");
        assertThat(dependsOn.path("mongo").path("condition").asString()).isEqualTo("service_healthy");
    }

    @ParameterizedTest
    @MethodSource("services")
    void everyVariableComposeSetsIsOneTheServiceReadsAndEveryRequiredOneIsSet(String service) throws IOException {
        Map<String, JsonNode> environment = environmentOf(service);
        String configuration = applicationYaml(service);
        Set<String> relaxedNames = relaxedNamesOfProperties(YAML.readTree(configuration), "");
        Set<String> placeholders = new HashSet<>();
        Set<String> required = new HashSet<>();
        Matcher m = PLACEHOLDER.matcher(configuration);
        while (m.find()) {
            placeholders.add(m.group(1));
            if (m.group(2) == null) {
                required.add(m.group(1));
            }
        }

        assertThat(environment.keySet()).allSatisfy(variable -> assertThat(
                placeholders.contains(variable) || relaxedNames.contains(variable) || variable.startsWith("SPRING_"))
                .as("%s sets %s, which %s does not read", "docker-compose.yml", variable, service).isTrue());
        assertThat(environment.keySet()).containsAll(required);
        assertThat(environment).containsKey("KAFKA_BOOTSTRAP_SERVERS");
        assertThat(placeholders).contains("KAFKA_BOOTSTRAP_SERVERS");
        assertThat(environment.containsKey("MONGODB_URI")).as("MONGODB_URI for %s", service)
                .isEqualTo(placeholders.contains("MONGODB_URI"));
    }

    /** Docker's 10 s default would kill a service in the middle of its graceful stop. */
    @ParameterizedTest
    @MethodSource("services")
    void eachServiceGetsTimeToStopGracefully(String service) {
        JsonNode definition = compose.path("services").path(service);

        assertThat(definition.path("stop_grace_period").asString()).isEqualTo("60s");
        assertThat(environmentOf(service).get("SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE").asString()).isEqualTo("15s");
    }

    /** A default in the compose file would be a published admin key on every deployment that forgot to set one. */
    @ParameterizedTest
    @MethodSource("services")
    void composeShipsNoAdminKeyAndStopsWhenNoneIsSet(String service) {
        String key = environmentOf(service).get("STEPPEWIRE_API_KEY").asString();

        assertThat(key).startsWith("${STEPPEWIRE_API_KEY:?");
        assertThat(environmentOf(service)).doesNotContainKey("STEPPEWIRE_API_ALLOW_DEFAULT_KEY");
    }

    @ParameterizedTest
    @MethodSource("services")
    void servicesReachKafkaOnTheListenerItAdvertisesInsideTheNetwork(String service) {
        String advertised = compose.path("services").path("kafka").path("environment").path("KAFKA_ADVERTISED_LISTENERS").asString();

        assertThat(advertised).contains("//" + environmentOf(service).get("KAFKA_BOOTSTRAP_SERVERS").asString());
    }

    @Test
    void theLocalStackPassesOnlyVariablesTheServicesRead() throws IOException {
        Set<String> readBySomeService = new HashSet<>();
        for (String service : LocalStack.SERVICES.keySet()) {
            String configuration = applicationYaml(service);
            Matcher m = PLACEHOLDER.matcher(configuration);
            while (m.find()) {
                readBySomeService.add(m.group(1));
            }
            readBySomeService.addAll(relaxedNamesOfProperties(YAML.readTree(configuration), ""));
        }
        LocalStack stack = new LocalStack(StackSettings.from(java.util.List.of(), name -> null, repository));

        assertThat(stack.serviceEnvironment().keySet()).allSatisfy(variable ->
                assertThat(readBySomeService.contains(variable) || variable.startsWith("SPRING_"))
                        .as("the local stack sets %s, which no service reads", variable).isTrue());
    }

    private static Map<String, JsonNode> environmentOf(String service) {
        Map<String, JsonNode> environment = new java.util.TreeMap<>();
        for (Map.Entry<String, JsonNode> e : compose.path("services").path(service).path("environment").properties()) {
            environment.put(e.getKey(), e.getValue());
        }
        return environment;
    }

    /** The port a service listens on by default, also when written as {@code ${SERVER_PORT:8081}}. */
    private static int serverPort(String service) throws IOException {
        String port = YAML.readTree(applicationYaml(service)).path("server").path("port").asString();
        Matcher placeholder = PLACEHOLDER.matcher(port);
        return Integer.parseInt(placeholder.matches() ? placeholder.group(2).substring(1) : port);
    }

    private static String applicationYaml(String service) throws IOException {
        return Files.readString(repository.resolve(service).resolve("src/main/resources/application.yaml"));
    }

    /** Spring's environment-variable form of every property, e.g. {@code steppewire.api.allow-default-key} -> {@code STEPPEWIRE_API_ALLOWDEFAULTKEY}. */
    private static Set<String> relaxedNamesOfProperties(JsonNode node, String prefix) {
        Set<String> names = new HashSet<>();
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                names.addAll(relaxedNamesOfProperties(e.getValue(), key));
            }
        } else if (!prefix.isEmpty()) {
            names.add(prefix.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT));
        }
        return names;
    }
}
