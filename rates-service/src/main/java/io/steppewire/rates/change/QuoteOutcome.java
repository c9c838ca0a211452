package io.steppewire.rates.change;

/** What a quote did to the last quote kept for its pair and source. */
public enum QuoteOutcome {
    /** The first quote of its pair and source, reporting no move of its own: kept, nothing to compare it with. */
    FIRST,
    /**
     * The first quote of its pair and source with a non-zero reported change: kept and published as a change from the
     * rate the reported change implies.
     */
    FIRST_REPORTED_MOVE,
    /** The same pair, source, as-of and rate as the kept quote, e.g. a re-ingested page: dropped. */
    DUPLICATE,
    /** Older than the kept quote: its place is the history, not a change against newer data. */
    OUT_OF_ORDER,
    /** The same as-of as the kept quote but another rate: the first one seen stays, so replays stay idempotent. */
    CONFLICTING_AS_OF,
    /** Newer, same rate and no reported move: kept as the new reference, no change. */
    UNCHANGED,
    /** Newer with another rate, or with a reported move the decimals hide: kept and published as a change. */
    CHANGED,
    /** Not a usable quote: sent to the dead-letter topic. */
    REJECTED
}
