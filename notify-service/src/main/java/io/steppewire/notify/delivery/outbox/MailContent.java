package io.steppewire.notify.delivery.outbox;

import io.steppewire.events.alert.AlertRaised;
import io.steppewire.events.alert.ArticleSummary;
import io.steppewire.events.fx.RateChanged;
import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * What an alert or digest e-mail tells a person, ready for the templates: the subject, the article (title, source,
 * date, link) or the rate move (pair, change with its precision interval, both quotes, the source) with related news,
 * and why the alert matched.
 */
public final class MailContent {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    /** A subject longer than this is cut: mail clients show less, and a header line must stay short. */
    private static final int MAX_SUBJECT = 150;

    private MailContent() {
    }

    /** One article line: its title, source, publication day and link. */
    public record ArticleLine(String title, String source, String published, @Nullable String url) {

        static ArticleLine of(ArticleSummary a) {
            return new ArticleLine(a.title(), a.source(), a.publishedOn().toString(), a.url());
        }
    }

    /** A rate move in words: "KZT/USD rose by 1.25 % (between 1.20 % and 1.31 %, given the quotes' precision)". */
    public record RateMove(String pair, String verb, String changePct, String lowPct, String highPct, String fromRate, String fromAsOf,
                           String toRate, String toAsOf, String source) {

        static RateMove of(RateChanged c) {
            BigDecimal change = c.naiveChangePct();
            return new RateMove(c.pair(), change.signum() >= 0 ? "rose" : "fell", percent(change.abs()),
                    percent(c.computedChangePct().lowPct()), percent(c.computedChangePct().highPct()),
                    c.previous().rate().toPlainString(), MINUTE.format(c.previous().asOf()),
                    c.current().rate().toPlainString(), MINUTE.format(c.current().asOf()), c.source());
        }

        public String sentence() {
            return pair + " " + verb + " by " + changePct + " % (between " + lowPct + " % and " + highPct
                    + " %, given the quotes' precision)";
        }
    }

    /** An instant alert's e-mail. */
    public record AlertMail(String subject, String subscriptionName, String alertId, @Nullable ArticleLine article,
                            @Nullable RateMove move, List<ArticleLine> related, List<String> why, String raisedAt,
                            String unsubscribeLink) {
    }

    /** A story of a digest: its first article's title, its articles and why they matched. */
    public record StoryLines(String title, List<ArticleLine> articles, List<String> why) {
    }

    /** A pair of a digest: its moves, oldest first. */
    public record PairLines(String pair, List<MoveLine> moves) {
    }

    public record MoveLine(String sentence, String from, String to, String source, List<String> why) {
    }

    /** A digest's or roll-up's e-mail. */
    public record DigestMail(String subject, String heading, String subscriptionName, String from, String to, int alertCount,
                             List<StoryLines> stories, List<PairLines> pairs, String unsubscribeLink) {
    }

    static AlertMail alert(AlertRaised alert, String unsubscribeLink) {
        ArticleLine article = alert.article() == null ? null : ArticleLine.of(alert.article());
        RateMove move = alert.rateChange() == null ? null : RateMove.of(alert.rateChange());
        String subject = move != null ? "steppewire: " + move.pair() + " " + move.verb() + " " + move.changePct() + " %"
                : article != null ? "steppewire: " + article.title() : "steppewire: " + alert.kind();
        return new AlertMail(subjectLine(subject), alert.subscriptionName(), alert.alertId(), article, move,
                alert.relatedArticles().stream().map(ArticleLine::of).toList(), why(alert.matchedOn()), MINUTE.format(alert.raisedAt()),
                unsubscribeLink);
    }

    static DigestMail digest(DigestMessage message, String unsubscribeLink) {
        List<StoryLines> stories = new ArrayList<>();
        for (DigestMessage.StoryGroup story : message.stories()) {
            List<ArticleLine> articles = story.alerts().stream().filter(a -> a.article() != null).map(a -> ArticleLine.of(a.article())).toList();
            List<String> why = story.alerts().stream().flatMap(a -> a.matchedOn().stream()).distinct().toList();
            stories.add(new StoryLines(story.title(), articles, why(why)));
        }
        List<PairLines> pairs = new ArrayList<>();
        for (DigestMessage.PairGroup pair : message.pairs()) {
            pairs.add(new PairLines(pair.pair(), pair.alerts().stream().map(a -> {
                RateMove move = RateMove.of(a.rateChange());
                return new MoveLine(move.sentence(), move.fromRate() + " (" + move.fromAsOf() + ")", move.toRate() + " (" + move.toAsOf() + ")",
                        move.source(), why(a.matchedOn()));
            }).toList()));
        }
        boolean rollup = Digests.KIND_ROLLUP.equals(message.type());
        String heading = rollup ? "More alerts of the hour to " + MINUTE.format(message.to())
                : "Your digest to " + MINUTE.format(message.to());
        String subject = rollup
                ? "steppewire: " + message.alertCount() + " more alert" + plural(message.alertCount()) + " this hour (" + message.subscriptionName() + ")"
                : "steppewire digest: " + message.alertCount() + " alert" + plural(message.alertCount()) + ", " + stories.size() + " stor"
                        + (stories.size() == 1 ? "y" : "ies") + ", " + pairs.size() + " pair" + plural(pairs.size()) + " (" + message.subscriptionName() + ")";
        return new DigestMail(subjectLine(subject), heading, message.subscriptionName(), MINUTE.format(message.from()),
                MINUTE.format(message.to()), message.alertCount(), stories, pairs, unsubscribeLink);
    }

    /** {@code tag:energy} reads "topic energy", {@code pair:KZT/USD up 1%} "KZT/USD up 1%", and so on. */
    static List<String> why(List<String> matchedOn) {
        return matchedOn.stream().map(m -> {
            int colon = m.indexOf(':');
            if (colon < 0) {
                return m;
            }
            String value = m.substring(colon + 1);
            return switch (m.substring(0, colon)) {
                case "country" -> "country " + value;
                case "tag" -> "topic " + value;
                case "entity" -> "mentions " + value;
                case "query" -> "keywords " + value;
                case "pair" -> "move of " + value;
                case "window" -> "move over a window: " + value;
                case "level" -> "level crossed: " + value;
                case "sinceLastAlert" -> "move since the last alert: " + value;
                case "divergence" -> "ticker apart from the official rate: " + value;
                default -> m;
            };
        }).toList();
    }

    private static String percent(BigDecimal value) {
        return value.setScale(Math.min(Math.max(value.scale(), 2), 4), RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static String plural(int n) {
        return n == 1 ? "" : "s";
    }

    private static String subjectLine(String subject) {
        String oneLine = subject.replaceAll("[\\r\\n\\t]+", " ").strip();
        return oneLine.length() <= MAX_SUBJECT ? oneLine : oneLine.substring(0, MAX_SUBJECT - 1) + "…";
    }
}
