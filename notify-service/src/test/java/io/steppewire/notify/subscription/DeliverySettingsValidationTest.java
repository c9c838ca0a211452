package io.steppewire.notify.subscription;

import io.steppewire.notify.delivery.outbox.WebhookConfiguration;
import io.steppewire.notify.subscription.SubscriptionRequest.ChannelRequest;
import io.steppewire.notify.subscription.SubscriptionRequest.DeliveryRequest;
import io.steppewire.notify.subscription.SubscriptionRequest.DigestRequest;
import io.steppewire.notify.subscription.SubscriptionRequest.RulesRequest;
import io.steppewire.notify.subscription.store.InternetAddressSyntax;
import io.steppewire.platform.net.CheckedResolver;
import io.steppewire.platform.net.OutboundAddressPolicy;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code delivery} (instant or digest) and {@code maxPerHour}: accepted as the issue writes them, refused with what to fix. */
class DeliverySettingsValidationTest {

    private static final ChannelRequest EMAIL = new ChannelRequest("email", null, null, "desk@example.org");
    private static final ChannelRequest SSE = new ChannelRequest("sse", null, null, null);
    private static final RulesRequest RULES = new RulesRequest(List.of("KZ"), List.of(), List.of(), null, List.of());

    private final SubscriptionValidator validator = new SubscriptionValidator(WebhookConfiguration.urlCheck(
            new CheckedResolver(OutboundAddressPolicy.publicOnly(), host -> new InetAddress[]{InetAddress.getByName("93.184.216.34")})),
            new InternetAddressSyntax());

    @Test
    void acceptsTheDigestOfTheIssueAndAWeeklyOne() {
        SubscriptionSpec daily = validate(EMAIL, new DeliveryRequest("digest", new DigestRequest("day", "08:00", "Asia/Almaty", null)), null);
        SubscriptionSpec weekly = validate(EMAIL, new DeliveryRequest("digest", new DigestRequest("week", "09:30", "Asia/Tashkent", "friday")), null);

        assertThat(daily.digest()).isEqualTo(Digest.daily(LocalTime.of(8, 0), ZoneId.of("Asia/Almaty")));
        assertThat(weekly.digest()).isEqualTo(Digest.weekly(DayOfWeek.FRIDAY, LocalTime.of(9, 30), ZoneId.of("Asia/Tashkent")));
        assertThat(validate(EMAIL, new DeliveryRequest("instant", null), "10").digest()).isNull();
        assertThat(validate(EMAIL, null, "10").maxPerHour()).isEqualTo(10);
        assertThat(validate(EMAIL, null, null).maxPerHour()).isNull();
    }

    @Test
    void refusesEachWrongDigestFieldSayingWhatToWrite() {
        assertRefused(EMAIL, new DeliveryRequest("batch", null), null, "delivery.mode", "'batch' is not a delivery mode; accepted are instant");
        assertRefused(EMAIL, new DeliveryRequest("digest", null), null, "delivery.digest", "is required for mode digest");
        assertRefused(EMAIL, new DeliveryRequest("instant", new DigestRequest("day", "08:00", "UTC", null)), null, "delivery.digest",
                "is only for \"mode\": \"digest\"");
        assertRefused(EMAIL, new DeliveryRequest("digest", new DigestRequest("hour", "08:00", "UTC", null)), null, "delivery.digest.every",
                "'hour' is not accepted; give day or week");
        assertRefused(EMAIL, new DeliveryRequest("digest", new DigestRequest("day", "8am", "UTC", null)), null, "delivery.digest.at",
                "write HH:mm on a 24-hour clock");
        assertRefused(EMAIL, new DeliveryRequest("digest", new DigestRequest("day", "08:00", "Asia/Atlantis", null)), null,
                "delivery.digest.timezone", "is not a time zone");
        assertRefused(EMAIL, new DeliveryRequest("digest", new DigestRequest("day", "08:00", "UTC", "monday")), null, "delivery.digest.day",
                "is only for \"every\": \"week\"");
        assertRefused(EMAIL, new DeliveryRequest("digest", new DigestRequest("week", "08:00", "UTC", "someday")), null, "delivery.digest.day",
                "give monday, tuesday");
        assertRefused(SSE, new DeliveryRequest("digest", new DigestRequest("day", "08:00", "UTC", null)), null, "delivery.mode",
                "digest is for webhook and email channels");
    }

    @Test
    void refusesAMaxPerHourOutOfRangeOrWhereItMeansNothing() {
        for (String wrong : List.of("0", "-1", "1001", "1.5", "1e3", "9".repeat(40), "", "ten")) {
            assertRefused(EMAIL, null, wrong, "maxPerHour", "give a whole number of alerts from 1 to 1000");
        }
        assertRefused(EMAIL, new DeliveryRequest("digest", new DigestRequest("day", "08:00", "UTC", null)), "5", "maxPerHour",
                "is for instant delivery; a digest is one message already");
        assertRefused(SSE, null, "5", "maxPerHour", "is for webhook and email channels");
    }

    private SubscriptionSpec validate(ChannelRequest channel, @Nullable DeliveryRequest delivery, @Nullable String maxPerHour) {
        return validator.validate(new SubscriptionRequest("Desk", channel, RULES, null, delivery, maxPerHour));
    }

    private void assertRefused(ChannelRequest channel, @Nullable DeliveryRequest delivery, @Nullable String maxPerHour, String field, String says) {
        assertThatThrownBy(() -> validate(channel, delivery, maxPerHour)).isInstanceOfSatisfying(InvalidSubscriptionException.class, e ->
                assertThat(e.violations()).singleElement().satisfies(v -> {
                    assertThat(v.field()).isEqualTo(field);
                    assertThat(v.message()).contains(says);
                }));
    }
}
