package io.steppewire.notify.support;

import io.steppewire.events.EventIds;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.article.BodyBlock;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.events.fx.RateQuoted;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Made-up news and rate moves for the tests; every text here was written for steppewire. */
public final class Stories {

    public static final Instant MORNING = Instant.parse("2026-03-14T06:00:00Z");

    private Stories() {
    }

    public static ArticleIngested article(String title, String lede, List<String> countries, List<String> tags, List<String> entities) {
        return new ArticleIngested(EventIds.article("steppe-daily", title, lede), "steppe-daily", EventIds.of("page", title), null,
                title, List.of(BodyBlock.paragraph(lede)), LocalDate.parse("2026-03-14"), MORNING, MORNING,
                countries, List.of(), tags, entities, List.of(), List.of());
    }

    public static ArticleIngested tajikDam() {
        return article("Rogun Turbines Spin Up Ahead of the Spring Floods",
                "DUSHANBE – Engineers at the dam brought a third hydropower turbine online this week, a month ahead of plan.",
                List.of("TJ"), List.of("energy"), List.of("Barqi Tojik"));
    }

    public static ArticleIngested kazakhGrainHarvest() {
        return article("Kostanay Farmers Report a Record Wheat Harvest",
                "KOSTANAY – Elevators across the region are full after the best harvest in a decade, traders said.",
                List.of("KZ"), List.of("agriculture"), List.of());
    }

    public static ArticleIngested caspianFerry() {
        return article("New Ferry Line Links Aktau and Baku",
                "AKTAU – A second ferry began sailing across the Caspian on Monday, carrying trucks and rail wagons.",
                List.of("KZ", "AZ"), List.of("transport"), List.of());
    }

    public static RateQuoted quote(String pair, String rate, String reportedChangePct, Instant asOf) {
        return RateQuoted.fromQuote(pair, new BigDecimal(rate), reportedChangePct == null ? null : new BigDecimal(reportedChangePct),
                asOf, "steppe-daily", null, asOf);
    }

    /** The tenge gains about 4.5 % overnight: a big move at any usual threshold. */
    public static RateChanged tengeJumps() {
        Instant nextMorning = MORNING.plusSeconds(86_400);
        return RateChanged.between(quote("KZT/USD", "0.00201", null, MORNING), quote("KZT/USD", "0.00210", null, nextMorning),
                new BigDecimal("1.0"), nextMorning);
    }

    /** A last-decimal flicker from 0.00201 to 0.00200: a rounding artefact, never a big move. */
    public static RateChanged tengeFlickers() {
        Instant nextMorning = MORNING.plusSeconds(86_400);
        return RateChanged.between(quote("KZT/USD", "0.00201", null, MORNING), quote("KZT/USD", "0.00200", null, nextMorning),
                new BigDecimal("1.0"), nextMorning);
    }
}
