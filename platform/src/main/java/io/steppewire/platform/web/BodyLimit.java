package io.steppewire.platform.web;

import org.springframework.util.unit.DataSize;

/**
 * A body limit for the endpoints matching a path pattern, in place of the default
 * ({@code steppewire.http.max-body-size}); a service declares one as a bean, e.g. for its page upload.
 *
 * @param pathPattern a Spring path pattern such as {@code /api/pages}
 * @param limit       the largest body accepted there
 */
public record BodyLimit(String pathPattern, DataSize limit) {
}
