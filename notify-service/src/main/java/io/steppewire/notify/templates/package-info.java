/** Thymeleaf templates of what people read: alert and digest e-mails, the unsubscribe page. */
@NullMarked
package io.steppewire.notify.templates;

import org.jspecify.annotations.NullMarked;
