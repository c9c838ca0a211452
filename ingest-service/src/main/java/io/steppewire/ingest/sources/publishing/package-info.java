/**
 * The source fetchers' publication as Spring Cloud Stream functions on the Kafka binder (docs/decisions/0007): one
 * function per source type turns a fetch's articles into keyed messages with CloudEvents headers, bound to the
 * articles topic, and the {@code ArticleWriter} hands each fetch to its function inside one binder transaction.
 */
@NullMarked
package io.steppewire.ingest.sources.publishing;

import org.jspecify.annotations.NullMarked;
