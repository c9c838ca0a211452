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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.production.yml, the production shape on top of docker-compose.yml, checked for what the promises rest
 * on: three brokers that replicate every topic three times and acknowledge only with two in sync, a three-member
 * MongoDB replica set written and read with majority concern, and services that know every member. No Docker engine
 * runs where we build, so this reads the file as compose would merge it.
 */
class ProductionComposeFileTest {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final List<String> BROKERS = List.of("kafka", "kafka-2", "kafka-3");
    private static final List<String> STORE_MEMBERS = List.of("mongo", "mongo-2", "mongo-3");

    private static JsonNode base;
    private static JsonNode production;

    @BeforeAll
    static void readBothFiles() throws IOException {
        Path repository = Path.of(System.getProperty("steppewire.repository", "..")).toAbsolutePath().normalize();
        base = YAML.readTree(Files.readString(repository.resolve("docker-compose.yml")));
        production = YAML.readTree(Files.readString(repository.resolve("docker-compose.production.yml")));
    }

    static Stream<String> services() {
        return LocalStack.SERVICES.keySet().stream().sorted();
    }

    @Test
    void threeBrokersFormOneQuorumAndReplicateEveryTopicThreeTimesWithTwoInSync() {
        List<String> nodeIds = new ArrayList<>();
        for (String broker : BROKERS) {
            JsonNode environment = production.path("services").path(broker).path("environment");
            nodeIds.add(environment.path("KAFKA_NODE_ID").asString());
            assertThat(environment.path("KAFKA_PROCESS_ROLES").asString()).as(broker).isEqualTo("broker,controller");
            assertThat(environment.path("KAFKA_CONTROLLER_QUORUM_VOTERS").asString()).as(broker)
                    .isEqualTo("1@kafka:9093,2@kafka-2:9093,3@kafka-3:9093");
            assertThat(environment.path("KAFKA_ADVERTISED_LISTENERS").asString()).as(broker).contains("INTERNAL://" + broker + ":29092");
            for (String replication : List.of("KAFKA_DEFAULT_REPLICATION_FACTOR", "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR",
                    "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR")) {
                assertThat(environment.path(replication).asString()).as(broker + " " + replication).isEqualTo("3");
            }
            for (String inSync : List.of("KAFKA_MIN_INSYNC_REPLICAS", "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR")) {
                assertThat(environment.path(inSync).asString()).as(broker + " " + inSync).isEqualTo("2");
            }
            assertThat(environment.path("KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE").asString()).as(broker).isEqualTo("false");
        }
        assertThat(nodeIds).containsExactly("1", "2", "3");
        assertThat(imageOf("kafka-2")).isEqualTo(imageOf("kafka-3")).isEqualTo(base.path("services").path("kafka").path("image").asString());
        assertThat(production.path("services").path("kafka-2").path("healthcheck").isObject()).isTrue();
    }

    @Test
    void threeStoreMembersFormOneReplicaSetThatTheFirstInitiates() {
        for (String member : STORE_MEMBERS) {
            assertThat(production.path("services").path(member).path("command").toString()).as(member).contains("\"--replSet\",\"rs0\"");
        }
        assertThat(imageOf("mongo-2")).isEqualTo(imageOf("mongo-3")).isEqualTo(base.path("services").path("mongo").path("image").asString());
        String initiate = production.path("services").path("mongo").path("healthcheck").path("test").toString();
        assertThat(initiate).contains("rs.initiate").contains("mongo:27017", "mongo-2:27017", "mongo-3:27017")
                .contains("db.hello().primary");
    }

    @ParameterizedTest
    @MethodSource("services")
    void eachServiceKnowsEveryBrokerAndStoreMemberAndWritesWithMajority(String service) {
        JsonNode environment = production.path("services").path(service).path("environment");
        boolean readsTheStore = base.path("services").path(service).path("environment").has("MONGODB_URI");

        assertThat(environment.path("KAFKA_BOOTSTRAP_SERVERS").asString()).isEqualTo("kafka:29092,kafka-2:29092,kafka-3:29092");
        assertThat(environment.path("STEPPEWIRE_TOPICS_REPLICATION_FACTOR").asString()).isEqualTo("3");
        assertThat(environment.has("MONGODB_URI")).as("MONGODB_URI for %s", service).isEqualTo(readsTheStore);
        if (readsTheStore) {
            assertThat(environment.path("MONGODB_URI").asString())
                    .startsWith("mongodb://mongo:27017,mongo-2:27017,mongo-3:27017/?")
                    .contains("replicaSet=rs0", "w=majority", "readConcernLevel=majority");
        }
        JsonNode dependsOn = production.path("services").path(service).path("depends_on");
        assertThat(List.of(dependsOn.path("kafka-2").path("condition").asString(), dependsOn.path("kafka-3").path("condition").asString()))
                .containsOnly("service_healthy");
    }

    @Test
    void kafkaStreamsReplicatesItsOwnTopicsToo() {
        assertThat(production.path("services").path("rates-service").path("environment").path("SPRING_KAFKA_STREAMS_REPLICATION_FACTOR")
                .asString()).isEqualTo("3");
    }

    @Test
    void unsubscribeLinksAreSignedWithAKeyOfTheirOwnAndPointWhereSubscribersReachNotify() {
        JsonNode notify = production.path("services").path("notify-service").path("environment");

        // "${VAR:?message}": compose refuses to start without it, so production never falls back to the admin key.
        assertThat(notify.path("STEPPEWIRE_NOTIFY_UNSUBSCRIBE_SECRET").asString()).startsWith("${STEPPEWIRE_NOTIFY_UNSUBSCRIBE_SECRET:?");
        assertThat(notify.path("STEPPEWIRE_NOTIFY_PUBLIC_URL").asString()).startsWith("${STEPPEWIRE_NOTIFY_PUBLIC_URL:?");
    }

    @Test
    void everyNewVolumeIsDeclared() {
        List<String> used = new ArrayList<>();
        production.path("services").forEach(service -> service.path("volumes")
                .forEach(volume -> used.add(volume.asString().substring(0, volume.asString().indexOf(':')))));
        List<String> declared = new ArrayList<>(production.path("volumes").propertyNames());

        assertThat(used).containsExactlyInAnyOrderElementsOf(declared);
    }

    private static String imageOf(String service) {
        return production.path("services").path(service).path("image").asString();
    }
}
