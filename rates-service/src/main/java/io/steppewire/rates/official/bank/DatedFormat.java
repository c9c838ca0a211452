package io.steppewire.rates.official.bank;

import io.steppewire.rates.official.MalformedPublicationException;
import io.steppewire.rates.official.Publication;

import java.net.URI;
import java.time.LocalDate;

/** A bank that publishes each day's rates at an address of their own, so any past date can be fetched. */
public non-sealed interface DatedFormat extends BankFormat {

    /** Where the bank publishes the rates of that date, given the configured address. */
    URI addressFor(URI base, LocalDate date);

    /**
     * @param requested the date asked for, the publication's date when the bank answers with no rates at all
     * @throws MalformedPublicationException when the answer is not a publication in the bank's form
     */
    Publication parse(byte[] body, LocalDate requested);
}
