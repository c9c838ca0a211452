package io.steppewire.rates.official.bank;

import io.steppewire.rates.official.Publication;
import io.steppewire.rates.official.PublicationLines;
import org.w3c.dom.Element;

/**
 * The National Bank of the Kyrgyz Republic's official daily rates of the som. Its address ({@code /XML/daily.xml})
 * takes no date: it answers the latest rates, in {@code windows-1251} with decimal commas,
 * <pre>{@code
 * <?xml version="1.0" encoding="windows-1251" ?>
 * <CurrencyRates Name="Daily Exchange Rates" Date="24.05.2026">
 * <Currency ISOCode="USD"><Nominal>1</Nominal><Value>87,4500</Value></Currency>
 * ...
 * }</pre>
 * {@code Value} is the price of {@code Nominal} units in som. {@code Date} is the date the rates are set for, which
 * may be the next day's. Rates are set to four decimals.
 */
public final class NbkrRates implements LatestFormat {

    private static final String BANK = "the National Bank of the Kyrgyz Republic";
    private static final int RATE_DECIMALS = 4;

    @Override
    public String id() {
        return "nbkr";
    }

    @Override
    public String bankName() {
        return "National Bank of the Kyrgyz Republic";
    }

    @Override
    public String homeCurrency() {
        return "KGS";
    }

    @Override
    public String accept() {
        return "application/xml, text/xml;q=0.9";
    }

    @Override
    public Publication parse(byte[] body) {
        Element root = SafeXml.root(SafeXml.parse(body, BANK), "CurrencyRates", BANK);
        PublicationLines lines = new PublicationLines(homeCurrency(), RATE_DECIMALS);
        for (Element currency : SafeXml.children(root, "Currency")) {
            lines.add(SafeXml.attribute(currency, "ISOCode"), SafeXml.childText(currency, "Nominal"),
                    SafeXml.childText(currency, "Value"), null);
        }
        return lines.on(BankDates.parse(SafeXml.attribute(root, "Date"), "Date attribute", BANK, BankDates.DAY_MONTH_YEAR));
    }
}
