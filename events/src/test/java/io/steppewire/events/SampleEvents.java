package io.steppewire.events;

import io.steppewire.events.alert.AlertRaised;
import io.steppewire.events.alert.ArticleSummary;
import io.steppewire.events.alert.DeliveryDisabled;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.article.BodyBlock;
import io.steppewire.events.article.TagScore;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.events.fx.RateQuoted;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Made-up events that read like a day of the news desk; shared with the services' tests. */
public final class SampleEvents {

    public static final Instant MORNING = Instant.parse("2026-03-14T06:00:00Z");
    public static final Instant NEXT_MORNING = Instant.parse("2026-03-15T06:00:00Z");

    public static ArticleIngested solarParkArticle() {
        String title = "Uzbekistan Switches On Its Largest Solar Park Near Bukhara";
        String lede = "TASHKENT – A 500-megawatt solar park outside Bukhara began feeding the national grid on Tuesday.";
        return new ArticleIngested(EventIds.article("steppe-daily", title, lede), "steppe-daily",
                EventIds.of("page", "sample"), null, title,
                List.of(BodyBlock.paragraph(lede), BodyBlock.subheading("A Second Phase"),
                        BodyBlock.paragraph("The operator expects the park to cover the daytime needs of 300,000 homes.")),
                LocalDate.parse("2026-03-14"), MORNING, MORNING,
                List.of("UZ"), List.of(), List.of("energy", "environment"), List.of(),
                List.of(new TagScore("country", "UZ", 1.0), new TagScore("topic", "energy", 0.8),
                        new TagScore("topic", "environment", 0.4)),
                List.of());
    }

    public static RateQuoted tengeQuote(String rate, Instant asOf) {
        return RateQuoted.fromQuote("KZT/USD", new BigDecimal(rate), new BigDecimal("0.12"), asOf,
                "steppe-daily", null, asOf);
    }

    public static RateChanged tengeChange() {
        return RateChanged.between(tengeQuote("0.00201", MORNING), tengeQuote("0.00210", NEXT_MORNING),
                new BigDecimal("1.0"), NEXT_MORNING);
    }

    public static AlertRaised articleAlert() {
        ArticleIngested article = solarParkArticle();
        return new AlertRaised(EventIds.alert("sub-1", article.articleId()), "sub-1", "Uzbek energy",
                AlertRaised.KIND_ARTICLE, article.articleId(), ArticleSummary.of(article), null, List.of(),
                List.of("tag:energy"), MORNING);
    }

    public static AlertRaised rateAlert() {
        RateChanged change = tengeChange();
        return new AlertRaised(EventIds.alert("sub-2", change.changeId()), "sub-2", "Tenge moves",
                AlertRaised.KIND_RATE, change.changeId(), null, change,
                List.of(ArticleSummary.of(solarParkArticle())), List.of("pair:KZT/USD"), NEXT_MORNING);
    }

    public static AlertRaised endpointDisabledAlert() {
        String eventId = "delivery-disabled:https://hooks.example.org:443:" + MORNING.toEpochMilli();
        return new AlertRaised(EventIds.alert("sub-2", eventId), "sub-2", "Tenge moves", AlertRaised.KIND_ENDPOINT_DISABLED, eventId,
                null, null, List.of(), List.of(), NEXT_MORNING,
                new DeliveryDisabled("https://hooks.example.org:443", MORNING, NEXT_MORNING, "Connection refused"));
    }

    private SampleEvents() {
    }
}
