/**
 * The source fetchers' publication as Spring Cloud Stream functions on the Kafka binder (docs/decisions/0007): one
 * function per source type turns a fetch's events into keyed messages with CloudEvents headers (articles to the articles
 * topic, a front page's quotes to the quotes topic), and the writer hands each fetch to its function inside one binder
 * transaction.
 */
@NullMarked
package io.steppewire.ingest.sources.publishing;

import org.jspecify.annotations.NullMarked;
