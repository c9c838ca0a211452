package io.steppewire.notify.keys;

/** A key just issued: the stored record and the key itself, which is shown this once and kept nowhere. */
public record IssuedKey(SubscriberKey stored, String key) {

    @Override
    public String toString() {
        // Never let the key reach a log line.
        return "IssuedKey[id=" + stored.id() + "]";
    }
}
