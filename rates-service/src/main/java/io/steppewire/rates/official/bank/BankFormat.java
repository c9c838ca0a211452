package io.steppewire.rates.official.bank;

/**
 * A central bank whose official rates steppewire reads: who it is, the currency it prices every rate in, and how its
 * rates are had. A bank either publishes each day's rates at an address of their own ({@link DatedFormat}), or only
 * its latest rates, dated in the answer ({@link LatestFormat}), or holds a rate fixed ({@link CbtFixedRate}).
 */
public sealed interface BankFormat permits DatedFormat, LatestFormat, CbtFixedRate {

    /** The short name, also the {@code source} of every quote: {@code nbk}, {@code cbu}, {@code nbkr}, {@code nbt}, {@code cbt}. */
    String id();

    String bankName();

    /** ISO 4217 code of the bank's own currency. */
    String homeCurrency();

    /** The media types to ask the bank for. */
    String accept();
}
