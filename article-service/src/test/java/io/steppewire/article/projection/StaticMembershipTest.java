package io.steppewire.article.projection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StaticMembershipTest {

    @Test
    void aConfiguredInstanceIdWinsOverHostAndPort() {
        assertThat(StaticMembership.instanceId("article-2", "host-a", 8083)).contains("article-2");
    }

    @Test
    void withoutAConfiguredIdTheHostAndPortTellInstancesOnOneHostApart() {
        assertThat(StaticMembership.instanceId("", "host-a", 8083)).contains("host-a-8083");
        assertThat(StaticMembership.instanceId(null, "host-a", 8183)).contains("host-a-8183");
    }

    @Test
    void aRandomPortGivesNoStableIdentitySoConsumersStayDynamicMembers() {
        assertThat(StaticMembership.instanceId(" ", "host-a", 0)).isEmpty();
    }

    @Test
    void charactersKafkaRefusesInAnInstanceIdAreReplaced() {
        assertThat(StaticMembership.instanceId("desk one/2", "host-a", 8083)).contains("desk_one_2");
    }
}
