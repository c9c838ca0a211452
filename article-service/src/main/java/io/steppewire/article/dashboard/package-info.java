/**
 * The web dashboard: static pages under {@code static/} that call the services' APIs from the browser, the
 * settings that tell the pages where those services are, the headers that confine the pages, and the one read the
 * pages need that no other API gives (consumer lag and dead letters, {@link KafkaStatus}).
 */
@NullMarked
package io.steppewire.article.dashboard;

import org.jspecify.annotations.NullMarked;
