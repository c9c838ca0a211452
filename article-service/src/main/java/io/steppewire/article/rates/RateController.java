package io.steppewire.article.rates;

import io.steppewire.article.articles.ArticleStore;
import io.steppewire.article.articles.ArticleView;
import io.steppewire.article.query.ArticleFilter;
import io.steppewire.article.store.ReadStoreQueries;
import io.steppewire.article.web.InvalidParameterException;
import io.steppewire.article.web.RequestParameters;
import io.steppewire.events.fx.CurrencyPair;
import io.steppewire.platform.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;

/** Latest rates, rate history, and the news around a move. */
@RestController
@Tag(name = "rates", description = "Rates projected from fx.quotes.v1 and fx.rate-changes.v1")
public class RateController {

    private static final String PAIR_FORM = "BASE-QUOTE with ISO 4217 codes, e.g. KZT-USD";
    private static final int CONTEXT_ARTICLES = 100;
    private static final Pattern FOUR_DIGIT_YEAR = Pattern.compile("\\d{4}-");
    /** Days of a daily query that names no start. */
    private static final int DEFAULT_DAILY_DAYS = 30;

    private final RateStore rates;
    private final ArticleStore articles;
    private final RateProperties settings;

    public RateController(RateStore rates, ArticleStore articles, RateProperties settings) {
        this.rates = rates;
        this.articles = articles;
        this.settings = settings;
    }

    @GetMapping("/api/rates")
    @Operation(summary = "The latest rate of every pair with its last change, its latest official and its latest ticker rate",
            description = "Newest as-of wins; an older quote never replaces a newer one. Rates are strings that keep their decimals. "
                    + "Official rates are the quotes of the central banks' sources (steppewire.rates.official-sources: nbk, cbu, nbkr, "
                    + "nbt, cbt); every other source is a ticker.")
    public RateViews.LatestRates latestRates() {
        return new RateViews.LatestRates(ReadStoreQueries.answer(() -> rates.latestRates(settings.officialSources())));
    }

    @GetMapping("/api/rates/{pair}/history")
    @Operation(summary = "Rate history of a pair, oldest first", description = "One point per source and as-of.")
    @ApiResponse(responseCode = "200", description = "The points in the range")
    @ApiResponse(responseCode = "400", description = "The pair or a date does not have the accepted form")
    @ApiResponse(responseCode = "404", description = "No quote of this pair (from this source) was ever seen")
    public RateViews.History history(
            @Parameter(description = "The pair with a dash, e.g. TJS-USD", example = "TJS-USD") @PathVariable String pair,
            @Parameter(description = "From this moment on, inclusive: yyyy-MM-dd (start of day, UTC) or an ISO instant")
            @RequestParam(required = false) @Nullable String from,
            @Parameter(description = "Up to this moment, inclusive: yyyy-MM-dd (the whole day, UTC) or an ISO instant")
            @RequestParam(required = false) @Nullable String to,
            @Parameter(description = "Only the points of this source, e.g. nbk or steppe-daily")
            @RequestParam(required = false) @Nullable String source) {
        CurrencyPair known = knownPair(pair);
        Instant start = moment("from", from, false);
        Instant end = moment("to", to, true);
        if (start != null && end != null && !start.isBefore(end)) {
            throw new InvalidParameterException("from", "from (" + from + ") must come before to (" + to + ")");
        }
        String quotedBy = knownSource(known, source);
        return ReadStoreQueries.answer(() -> new RateViews.History(known.toString(), rates.history(known.toString(), quotedBy, start, end)));
    }

    @GetMapping("/api/rates/{pair}/daily")
    @Operation(summary = "One point per day of a pair, for charts",
            description = "Per UTC day that has quotes (of the source, when one is given): the first, highest, lowest and last rate, "
                    + "each with the decimals it was quoted with, its as-of and source, and the number of points. Days are UTC days, "
                    + "as the official rates' as-of is their bank's date at 00:00 UTC.")
    @ApiResponse(responseCode = "200", description = "The days in the range, oldest first")
    @ApiResponse(responseCode = "400", description = "The pair, a date or the range does not have the accepted form")
    @ApiResponse(responseCode = "404", description = "No quote of this pair (from this source) was ever seen")
    public RateViews.Daily daily(
            @Parameter(description = "The pair with a dash, e.g. KZT-USD", example = "KZT-USD") @PathVariable String pair,
            @Parameter(description = "First day, inclusive, yyyy-MM-dd; default 29 days before to")
            @RequestParam(required = false) @Nullable String from,
            @Parameter(description = "Last day, inclusive, yyyy-MM-dd; default the day of the newest quote (of the source)")
            @RequestParam(required = false) @Nullable String to,
            @Parameter(description = "Only the points of this source, e.g. nbk or steppe-daily")
            @RequestParam(required = false) @Nullable String source) {
        CurrencyPair known = knownPair(pair);
        LocalDate fromDay = RequestParameters.date("from", from);
        LocalDate toDay = RequestParameters.date("to", to);
        String quotedBy = knownSource(known, source);
        if (toDay == null) {
            LocalDate latest = ReadStoreQueries.answer(() -> rates.latestDay(known.toString(), quotedBy));
            toDay = latest == null || (fromDay != null && latest.isBefore(fromDay)) ? fromDay : latest;
        }
        if (toDay == null) {
            throw ProblemException.notFound("No quote of " + known + " has been seen.");
        }
        if (fromDay == null) {
            fromDay = toDay.minusDays(DEFAULT_DAILY_DAYS - 1L);
        }
        if (fromDay.isAfter(toDay)) {
            throw new InvalidParameterException("from", "from (" + fromDay + ") must not be after to (" + toDay + ")");
        }
        long days = ChronoUnit.DAYS.between(fromDay, toDay) + 1;
        if (days > settings.maxDailyDays()) {
            throw new InvalidParameterException("to", "from " + fromDay + " to " + toDay + " is " + days + " days; at most "
                    + settings.maxDailyDays() + " days are answered at once");
        }
        LocalDate first = fromDay;
        LocalDate last = toDay;
        return ReadStoreQueries.answer(() -> new RateViews.Daily(known.toString(), quotedBy, first, last,
                rates.daily(known.toString(), first, last, quotedBy)));
    }

    @GetMapping("/api/rates/{pair}/context")
    @Operation(summary = "The news around a move",
            description = "The changes of the pair whose newer quote holds on that date (UTC), its quotes of that day, and "
                    + "the articles about its currencies' countries (KZT: KZ, UZS: UZ, ...) published from the day before to the day after.")
    @ApiResponse(responseCode = "200", description = "The moves and the articles")
    @ApiResponse(responseCode = "400", description = "The pair or the date does not have the accepted form")
    @ApiResponse(responseCode = "404", description = "No quote of this pair was ever seen")
    public RateViews.Context context(
            @Parameter(description = "The pair with a dash, e.g. KZT-USD", example = "KZT-USD") @PathVariable String pair,
            @Parameter(description = "The day of the move, yyyy-MM-dd", required = true) @RequestParam String date) {
        CurrencyPair known = knownPair(pair);
        LocalDate day = RequestParameters.date("date", date);
        if (day == null) {
            throw new InvalidParameterException("date", "date is required, written yyyy-MM-dd, e.g. 2026-03-14");
        }
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<String> countries = known.countries();
        return ReadStoreQueries.answer(() -> {
            List<ArticleView> news = countries.isEmpty() ? List.of()
                    : articles.find(ArticleFilter.aboutCountries(countries, day.minusDays(1), day.plusDays(1)), null, CONTEXT_ARTICLES).items();
            return new RateViews.Context(known.toString(), day, countries, rates.changes(known.toString(), start, end),
                    rates.history(known.toString(), null, start, end), news);
        });
    }

    private CurrencyPair knownPair(String text) {
        CurrencyPair pair;
        try {
            pair = CurrencyPair.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("pair", "pair must be written " + PAIR_FORM + "; got '" + RequestParameters.shown(text) + "'");
        }
        CurrencyPair canonical = pair.canonical();
        if (!ReadStoreQueries.answer(() -> rates.knows(canonical.toString()))) {
            throw ProblemException.notFound("No quote of " + canonical + " has been seen"
                    + (canonical.equals(pair) ? "" : " (" + pair + " is stored as " + canonical.pathForm() + ")") + ".");
        }
        if (!canonical.equals(pair)) {
            throw new InvalidParameterException("pair", "pair " + pair.pathForm() + " is stored in its canonical direction; ask for "
                    + canonical.pathForm());
        }
        return pair;
    }

    /** The source, or null when none is asked for; a source that never quoted the pair is not found. */
    private @Nullable String knownSource(CurrencyPair pair, @Nullable String source) {
        String name = RequestParameters.name("source", source);
        if (name != null && !ReadStoreQueries.answer(() -> rates.knows(pair.toString(), name))) {
            throw ProblemException.notFound("No quote of " + pair + " from source '" + RequestParameters.shown(name) + "' has been seen.");
        }
        return name;
    }

    private static @Nullable Instant moment(String parameter, @Nullable String value, boolean endOfDay) {
        String text = RequestParameters.blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            if (text.length() == 10) {
                LocalDate day = RequestParameters.date(parameter, text);
                if (day != null) {
                    return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
                }
            }
            // Four-digit years only, like dates: the parser also takes instants a millisecond short of Instant.MAX.
            if (FOUR_DIGIT_YEAR.matcher(text).lookingAt()) {
                Instant instant = Instant.parse(text);
                return endOfDay ? instant.plusMillis(1) : instant;
            }
        } catch (DateTimeParseException | InvalidParameterException e) {
            // answered below with both accepted forms
        }
        throw new InvalidParameterException(parameter, parameter
                + " must be a date yyyy-MM-dd or an ISO instant such as 2026-03-14T06:00:00Z; got '" + RequestParameters.shown(text) + "'");
    }
}
