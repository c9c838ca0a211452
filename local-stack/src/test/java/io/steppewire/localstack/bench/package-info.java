/**
 * Benchmarks that drive a running local stack ({@code local-stack/start}) from outside, as its users do: over the
 * services' HTTP APIs, plus the broker's and the store's addresses for the bare floors measured in the same run.
 * Plain {@code main}s run by {@code exec:java} (docs/operations.md, "Benchmarks"); not tests.
 */
package io.steppewire.localstack.bench;
