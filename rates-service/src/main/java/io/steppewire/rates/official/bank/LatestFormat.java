package io.steppewire.rates.official.bank;

import io.steppewire.rates.official.MalformedPublicationException;
import io.steppewire.rates.official.Publication;

/** A bank whose address answers only its latest rates, dated in the answer: past dates cannot be fetched. */
public non-sealed interface LatestFormat extends BankFormat {

    /**
     * @throws MalformedPublicationException when the answer is not a publication in the bank's form
     */
    Publication parse(byte[] body);
}
