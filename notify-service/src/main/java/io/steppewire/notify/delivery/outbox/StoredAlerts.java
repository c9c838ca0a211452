package io.steppewire.notify.delivery.outbox;

import java.util.List;
import java.util.Map;

/** The stored alerts a message of many alerts is made of: their JSON by alert id (those stored; none missing in practice). */
public interface StoredAlerts {

    Map<String, String> bodies(List<String> alertIds);
}
