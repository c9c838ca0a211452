package io.steppewire.platform.kafka;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Static group membership (KIP-345): every consumer of this instance joins its group under a
 * {@code group.instance.id} that stays the same across restarts, so a restart after a crash takes back its
 * partitions at once instead of waiting for the dead member's session to time out. Each listener container
 * gets {@code <instance>-<listener id>}; Spring Kafka appends {@code -<n>} per concurrent consumer.
 *
 * <p>The instance is {@code STEPPEWIRE_INSTANCE_ID} when set, else the host name and the HTTP port, which
 * tell apart instances on one host. Without a fixed port (port 0) there is no stable identity, and the
 * consumers join as dynamic members. The platform provides one as a bean; Boot's default listener container factory
 * applies it, and a service's own factories set it with {@code setContainerCustomizer}.
 */
public final class StaticMembership<K, V> implements ContainerCustomizer<K, V, ConcurrentMessageListenerContainer<K, V>> {

    private static final Logger log = LoggerFactory.getLogger(StaticMembership.class);

    private final Optional<String> instanceId;

    public StaticMembership(Optional<String> instanceId) {
        this.instanceId = instanceId;
    }

    /** The stable identity of this instance, or empty when it has none. */
    public static Optional<String> instanceId(@Nullable String configured, @Nullable String hostName, int port) {
        if (configured != null && !configured.isBlank()) {
            return Optional.of(legal(configured.strip()));
        }
        if (port <= 0 || hostName == null || hostName.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(legal(hostName.strip() + "-" + port));
    }

    /** This machine's name: {@code HOSTNAME} as the shell and container runtimes set it, else the resolver's answer. */
    public static @Nullable String hostName() {
        String variable = System.getenv("HOSTNAME");
        if (variable != null && !variable.isBlank()) {
            return variable;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    @Override
    public void configure(ConcurrentMessageListenerContainer<K, V> container) {
        instanceId.ifPresentOrElse(
                id -> container.getContainerProperties().getKafkaConsumerProperties()
                        .setProperty("group.instance.id", id + "-" + container.getListenerId()),
                () -> log.info("Listener {} joins its group as a dynamic member: no STEPPEWIRE_INSTANCE_ID and no fixed port",
                        container.getListenerId()));
    }

    /** Kafka takes letters, digits, '.', '_' and '-' in an id; anything else becomes '_'. */
    private static String legal(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
