package io.steppewire.rates.quote;

import io.steppewire.events.SaneDecimals;
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

/**
 * Checks a batch of submitted quotes and turns each into a canonical {@link RateQuoted}. Either every
 * quote is usable or the whole batch is refused with a reason per quote, so a client never has to
 * work out which half of a batch went through.
 * <p>
 * Every check costs time in proportion to the text at most: decimals are read by {@link SaneDecimals} (no
 * exponent, at most 30 significant digits and 30 decimals, within the bounds of a rate or a percentage), so
 * {@code 1E-500000000} is refused before anything expands it, and over-long texts are refused before they are parsed.
 */
public final class NormaliseQuotes {

    private static final int MAX_SOURCE_LENGTH = 100;
    /** Longer than any pair ({@code " usd / kzt "}) or as-of ({@code 2026-03-14T10:00:00.123456789+05:00}) anyone writes. */
    private static final int MAX_PAIR_LENGTH = 20;
    private static final int MAX_AS_OF_LENGTH = 40;
    /** Refused texts are shown back only this far, so that a huge value does not make a huge answer. */
    private static final int MAX_SHOWN = 40;
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
        BigDecimal rate = rate(index, submission.rate(), problems);
        BigDecimal reported = reportedChangePct(index, submission.reportedChangePct(), problems);
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
        if (text.length() > MAX_PAIR_LENGTH) {
            problems.add(new QuoteProblem(index, "pair", "must be written BASE/QUOTE with ISO 4217 codes, e.g. USD/KZT; got "
                    + shown(text)));
            return null;
        }
        try {
            return CurrencyPair.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(new QuoteProblem(index, "pair", e.getMessage()));
            return null;
        }
    }

    private static @Nullable BigDecimal rate(int index, @Nullable String text, List<QuoteProblem> problems) {
        if (text == null || text.isBlank()) {
            problems.add(new QuoteProblem(index, "rate", "is required, as a decimal string such as \"515.90\""));
            return null;
        }
        try {
            BigDecimal rate = SaneDecimals.parse(text.strip(), "rate");
            if (rate.signum() <= 0) {
                problems.add(new QuoteProblem(index, "rate", "must be greater than zero, got " + rate.toPlainString()));
                return null;
            }
            return SaneDecimals.rate(rate, "rate");
        } catch (IllegalArgumentException e) {
            problems.add(new QuoteProblem(index, "rate", e.getMessage()));
            return null;
        }
    }

    private static @Nullable BigDecimal reportedChangePct(int index, @Nullable String text, List<QuoteProblem> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            BigDecimal reported = SaneDecimals.parse(text.strip(), "reportedChangePct");
            if (reported.compareTo(MINUS_HUNDRED) <= 0) {
                problems.add(new QuoteProblem(index, "reportedChangePct", "must be above -100 (a rate cannot fall by all of "
                        + "itself), got " + reported.toPlainString()));
                return null;
            }
            return SaneDecimals.percent(reported, "reportedChangePct");
        } catch (IllegalArgumentException e) {
            problems.add(new QuoteProblem(index, "reportedChangePct", e.getMessage()));
            return null;
        }
    }

    private @Nullable Instant asOf(int index, @Nullable String text, Instant now, List<QuoteProblem> problems) {
        if (text == null || text.isBlank()) {
            problems.add(new QuoteProblem(index, "asOf", "is required, as a date 2026-03-14 or an instant 2026-03-14T10:00:00Z"));
            return null;
        }
        String trimmed = text.strip();
        if (trimmed.length() > MAX_AS_OF_LENGTH) {
            problems.add(new QuoteProblem(index, "asOf", "must be a date 2026-03-14 or an instant with offset "
                    + "2026-03-14T10:00:00Z, got " + shown(text)));
            return null;
        }
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
                    + "2026-03-14T10:00:00Z, got " + shown(text)));
            return null;
        }
    }

    private static @Nullable String source(int index, @Nullable String text, List<QuoteProblem> problems) {
        if (text == null || text.isBlank()) {
            problems.add(new QuoteProblem(index, "source", "is required: who quoted the rate, e.g. nbk"));
            return null;
        }
        String trimmed = text.strip();
        if (trimmed.length() > MAX_SOURCE_LENGTH || !printable(trimmed)) {
            problems.add(new QuoteProblem(index, "source", "must be at most " + MAX_SOURCE_LENGTH
                    + " printable characters"));
            return null;
        }
        return trimmed;
    }

    /**
     * No control characters, no noncharacters, and no half of a surrogate pair: such a text is not valid Unicode, so
     * the quote id would hash it as '?' (two sources sharing ids) and readers in other languages may fail on it.
     */
    private static boolean printable(String text) {
        return text.codePoints().noneMatch(c -> Character.isISOControl(c)
                || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) || (c & 0xFFFE) == 0xFFFE);
    }

    private static String shown(String text) {
        if (text.length() <= MAX_SHOWN) {
            return "'" + text + "'";
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_SHOWN - 1)) ? MAX_SHOWN - 1 : MAX_SHOWN;
        return "'" + text.substring(0, end) + "...' (" + text.length() + " characters)";
    }
}
