package io.steppewire.platform.kafka;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StaticMembershipTest {

    @Test
    void aConfiguredInstanceIdWinsOverHostAndPort() {
        assertThat(StaticMembership.instanceId("notify-2", "host-a", 8084)).contains("notify-2");
    }

    @Test
    void withoutAConfiguredIdTheHostAndPortTellInstancesOnOneHostApart() {
        assertThat(StaticMembership.instanceId("", "host-a", 8084)).contains("host-a-8084");
        assertThat(StaticMembership.instanceId(null, "host-a", 8184)).contains("host-a-8184");
    }

    @Test
    void aRandomPortGivesNoStableIdentitySoConsumersStayDynamicMembers() {
        assertThat(StaticMembership.instanceId(" ", "host-a", 0)).isEmpty();
    }

    @Test
    void charactersKafkaRefusesInAnInstanceIdAreReplaced() {
        assertThat(StaticMembership.instanceId("desk one/2", "host-a", 8084)).contains("desk_one_2");
    }
}
