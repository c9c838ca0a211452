package io.steppewire.rates.official.fetch;

/** How a source's last fetch went. */
public enum SourceStatus {
    /** Not fetched since the service started. */
    NEVER_RUN,
    /** The last fetch published rates, or found them published already. */
    OK,
    /** The last fetch found no new rate: a weekend, a holiday, or the bank answered with another day's rates. */
    NO_NEW_RATE,
    /** The last fetch failed: nothing of it was published. */
    FAILED,
    /** The source is switched off in the settings. */
    DISABLED
}
