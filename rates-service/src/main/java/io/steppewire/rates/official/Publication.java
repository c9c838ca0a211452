package io.steppewire.rates.official;

import java.time.LocalDate;
import java.util.List;

/**
 * What a bank published for one date: the date as the bank writes it (a date of its own calendar and time zone), its
 * rates, and the lines it published without a usable rate (a zero, an unknown code), each with the reason it was left.
 */
public record Publication(LocalDate date, List<PublishedRate> rates, List<String> skipped) {

    public Publication {
        rates = List.copyOf(rates);
        skipped = List.copyOf(skipped);
    }
}
