package io.steppewire.rates.quote;

import io.steppewire.events.fx.CurrencyPair;
import io.steppewire.events.fx.RateQuoted;
import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a batch of submitted quotes and turns each into a canonical {@link RateQuoted}. Either every
 * quote is usable or the whole batch is refused with a reason per quote, so a client never has to
 * work out which half of a batch went through.
 */
public final class NormaliseQuotes {

    /** Plain decimal notation only: an exponent would hide how many decimals were quoted. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d+(\\.\\d+)?");
    private static final int MAX_SOURCE_LENGTH = 100;
    private static final BigDecimal MINUS_HUNDRED = new BigDecimal("-100");
    /** The date is already the given day somewhere on Earth until it is that day at UTC+14. */
    private static final ZoneOffset EARLIEST_ZONE = ZoneOffset.ofHours(14);

    private final Clock clock;
    private final int maxBatchSize;
    private final Duration clockSkew;

    public NormaliseQuotes(Clock clock, int maxBatchSize, Duration clockSkew) {
        this.clock = clock;
        this.maxBatchSize = maxBatchSize;
        this.clockSkew = clockSkew;
    }

    /**
     * @throws QuoteBatchRejected when the batch is empty, too large or holds any unusable quote
     */
    public List<RateQuoted> apply(@Nullable List<@Nullable QuoteSubmission> submissions) {
        if (submissions == null || submissions.isEmpty()) {
            throw new QuoteBatchRejected("The body needs a non-empty array 'quotes', e.g. {\"quotes\": [{\"pair\": "
                    + "\"USD/KZT\", \"rate\": \"515.90\", \"asOf\": \"2026-03-14\", \"source\": \"nbk\"}]}", List.of());
        }
        if (submissions.size() > maxBatchSize) {
            throw new QuoteBatchRejected("A batch holds at most " + maxBatchSize + " quotes, got "
                    + submissions.size() + "; split it into several requests", List.of());
        }
        Instant now = clock.instant();
        List<RateQuoted> quotes = new ArrayList<>(submissions.size());
        List<QuoteProblem> problems = new ArrayList<>();
        for (int i = 0; i < submissions.size(); i++) {
            RateQuoted quote = normalise(i, submissions.get(i), now, problems);
            if (quote != null) {
                quotes.add(quote);
            }
        }
        if (!problems.isEmpty()) {
            throw new QuoteBatchRejected(problems.size() + " problem(s) in the batch; nothing was published", problems);
        }
        return quotes;
    }

    private @Nullable RateQuoted normalise(int index, @Nullable QuoteSubmission submission, Instant now,
                                           List<QuoteProblem> problems) {
        if (submission == null) {
            problems.add(new QuoteProblem(index, "quote", "must be an object with pair, rate, asOf and source"));
            return null;
        }
        int before = problems.size();
        CurrencyPair pair = pair(index, submission.pair(), problems);
        BigDecimal rate = decimal(index, "rate", submission.rate(), true, "a decimal string such as \"515.90\"", problems);
        if (rate != null && rate.signum() <= 0) {
            problems.add(new QuoteProblem(index, "rate", "must be greater than zero, got " + submission.rate()));
        }
        BigDecimal reported = decimal(index, "reportedChangePct", submission.reportedChangePct(), false,
                "a decimal percentage such as \"-0.12\", or left out", problems);
        if (reported != null && reported.compareTo(MINUS_HUNDRED) <= 0) {
            problems.add(new QuoteProblem(index, "reportedChangePct", "must be above -100, got " + submission.reportedChangePct()));
        }
        Instant asOf = asOf(index, submission.asOf(), now, problems);
        String source = source(index, submission.source(), problems);
        if (problems.size() > before || pair == null || rate == null || asOf == null || source == null) {
            return null;
        }
        try {
            return RateQuoted.fromQuote(pair.toString(), rate, reported, asOf, source, null, now);
        } catch (IllegalArgumentException e) {
            problems.add(new QuoteProblem(index, "quote", e.getMessage()));
            return null;
        }
    }

    private static @Nullable CurrencyPair pair(int index, @Nullable String text, List<QuoteProblem> problems) {
        if (text == null || text.isBlank()) {
            problems.add(new QuoteProblem(index, "pair", "is required, written BASE/QUOTE with ISO 4217 codes, e.g. USD/KZT"));
            return null;
        }
        try {
            return CurrencyPair.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(new QuoteProblem(index, "pair", e.getMessage()));
            return null;
        }
    }

    private static @Nullable BigDecimal decimal(int index, String field, @Nullable String text, boolean required,
                                                String acceptedForm, List<QuoteProblem> problems) {
        if (text == null || text.isBlank()) {
            if (required) {
                problems.add(new QuoteProblem(index, field, "is required, as " + acceptedForm));
            }
            return null;
        }
        String trimmed = text.strip();
        if (!DECIMAL.matcher(trimmed).matches()) {
            problems.add(new QuoteProblem(index, field, "must be " + acceptedForm + ", got '" + text + "'"));
            return null;
        }
        return new BigDecimal(trimmed);
    }

    private @Nullable Instant asOf(int index, @Nullable String text, Instant now, List<QuoteProblem> problems) {
        if (text == null || text.isBlank()) {
            problems.add(new QuoteProblem(index, "asOf", "is required, as a date 2026-03-14 or an instant 2026-03-14T10:00:00Z"));
            return null;
        }
        String trimmed = text.strip();
        try {
            if (trimmed.length() == 10) {
                LocalDate date = LocalDate.parse(trimmed);
                if (date.isAfter(LocalDate.ofInstant(now, EARLIEST_ZONE))) {
                    problems.add(new QuoteProblem(index, "asOf", "date " + trimmed + " is in the future"));
                    return null;
                }
                return date.atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            Instant instant = OffsetDateTime.parse(trimmed).toInstant();
            if (instant.isAfter(now.plus(clockSkew))) {
                problems.add(new QuoteProblem(index, "asOf", "instant " + trimmed + " is in the future (now is " + now + ")"));
                return null;
            }
            return instant;
        } catch (DateTimeParseException e) {
            problems.add(new QuoteProblem(index, "asOf", "must be a date 2026-03-14 or an instant with offset "
                    + "2026-03-14T10:00:00Z, got '" + text + "'"));
            return null;
        }
    }

    private static @Nullable String source(int index, @Nullable String text, List<QuoteProblem> problems) {
        if (text == null || text.isBlank()) {
            problems.add(new QuoteProblem(index, "source", "is required: who quoted the rate, e.g. nbk"));
            return null;
        }
        String trimmed = text.strip();
        if (trimmed.length() > MAX_SOURCE_LENGTH || trimmed.chars().anyMatch(Character::isISOControl)) {
            problems.add(new QuoteProblem(index, "source", "must be at most " + MAX_SOURCE_LENGTH
                    + " printable characters"));
            return null;
        }
        return trimmed;
    }
}
