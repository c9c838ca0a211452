package io.steppewire.ingest.support;

/** The keys the tests send; the admin key matches {@code steppewire.api.key} in application-test.yaml. */
public final class TestKeys {

    public static final String ADMIN = "ingest-test-admin-key";

    private TestKeys() {
    }
}
