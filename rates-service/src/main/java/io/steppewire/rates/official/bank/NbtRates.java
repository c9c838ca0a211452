package io.steppewire.rates.official.bank;

import io.steppewire.rates.official.Publication;
import io.steppewire.rates.official.PublicationLines;
import org.w3c.dom.Element;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * The National Bank of Tajikistan's official rates of the somoni. Its export ({@code /en/kurs/export_xml.php}) takes
 * the date as {@code ?date=2026-05-18&export=xmlout} and answers
 * <pre>{@code
 * <ValCurs Date="2026-05-18" name="Foreign Currency Market">
 * <Valute ID="840"><CharCode>USD</CharCode><Nominal>1</Nominal><Name>US Dollar</Name><Value>9.3450</Value></Valute>
 * ...
 * }</pre>
 * {@code Value} is the price of {@code Nominal} units in somoni (100 sum, 10 tenge, 1000 rials). A date outside its
 * archive is answered with today's rates, dated so: the date in the answer is what counts. {@code ID} is not
 * trusted (old records reuse it); {@code CharCode} is. Rates are set to four decimals.
 */
public final class NbtRates implements DatedFormat {

    private static final String BANK = "the National Bank of Tajikistan";
    private static final int RATE_DECIMALS = 4;

    @Override
    public String id() {
        return "nbt";
    }

    @Override
    public String bankName() {
        return "National Bank of Tajikistan";
    }

    @Override
    public String homeCurrency() {
        return "TJS";
    }

    @Override
    public String accept() {
        return "application/xml, text/xml;q=0.9";
    }

    @Override
    public URI addressFor(URI base, LocalDate date) {
        return BankDates.withQuery(base, "date=" + date + "&export=xmlout");
    }

    @Override
    public Publication parse(byte[] body, LocalDate requested) {
        Element root = SafeXml.root(SafeXml.parse(body, BANK), "ValCurs", BANK);
        PublicationLines lines = new PublicationLines(homeCurrency(), RATE_DECIMALS);
        for (Element valute : SafeXml.children(root, "Valute")) {
            lines.add(SafeXml.childText(valute, "CharCode"), SafeXml.childText(valute, "Nominal"),
                    SafeXml.childText(valute, "Value"), null);
        }
        return lines.on(BankDates.parse(SafeXml.attribute(root, "Date"), "Date attribute", BANK,
                DateTimeFormatter.ISO_LOCAL_DATE, BankDates.DAY_MONTH_YEAR));
    }
}
