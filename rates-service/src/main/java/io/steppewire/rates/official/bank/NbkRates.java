package io.steppewire.rates.official.bank;

import io.steppewire.rates.official.MalformedPublicationException;
import io.steppewire.rates.official.Publication;
import io.steppewire.rates.official.PublicationLines;
import org.w3c.dom.Element;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

/**
 * The National Bank of Kazakhstan's official rates of the tenge. Its address takes the date as
 * {@code ?fdate=01.04.2026} ({@code /rss/get_rates.cfm}) and answers
 * <pre>{@code
 * <rates>
 *   <date>01.04.2026</date>
 *   <item><fullname>ДОЛЛАР США</fullname><title>USD</title><description>460.37</description>
 *         <quant>1</quant><index>DOWN</index><change>-5.96</change></item>
 *   ...
 * }</pre>
 * {@code description} is the price of {@code quant} units in tenge and {@code change} its change since the previous
 * publication. The bank's RSS feed ({@code /rss/rates_all.xml}) carries the same items in {@code <rss><channel>}, each
 * dated in {@code <pubDate>}; both are read. Rates are set to two decimals, and a trailing zero is dropped in writing
 * ({@code 179.5} for 179.50), so every rate has at least two.
 */
public final class NbkRates implements DatedFormat {

    private static final String BANK = "the National Bank of Kazakhstan";
    private static final int RATE_DECIMALS = 2;

    @Override
    public String id() {
        return "nbk";
    }

    @Override
    public String bankName() {
        return "National Bank of Kazakhstan";
    }

    @Override
    public String homeCurrency() {
        return "KZT";
    }

    @Override
    public String accept() {
        return "application/xml, text/xml;q=0.9, application/rss+xml;q=0.8";
    }

    @Override
    public URI addressFor(URI base, LocalDate date) {
        return BankDates.withQuery(base, "fdate=" + BankDates.DAY_MONTH_YEAR.format(date));
    }

    @Override
    public Publication parse(byte[] body, LocalDate requested) {
        Element root = SafeXml.parse(body, BANK).getDocumentElement();
        return switch (root.getTagName()) {
            case "rates" -> items(SafeXml.children(root, "item"),
                    BankDates.parse(SafeXml.childText(root, "date"), "<date>", BANK, BankDates.DAY_MONTH_YEAR));
            case "rss" -> feed(root, requested);
            default -> throw new MalformedPublicationException("the answer's root element is <" + root.getTagName()
                    + ">, not <rates> or <rss> as " + BANK + " publishes it");
        };
    }

    private Publication feed(Element rss, LocalDate requested) {
        List<Element> channels = SafeXml.children(rss, "channel");
        if (channels.size() != 1) {
            throw new MalformedPublicationException("the feed has " + channels.size() + " <channel> elements, not one");
        }
        List<Element> items = SafeXml.children(channels.getFirst(), "item");
        if (items.isEmpty()) {
            return new Publication(requested, List.of(), List.of());
        }
        LocalDate date = null;
        for (Element item : items) {
            LocalDate itemDate = BankDates.parse(SafeXml.childText(item, "pubDate"), "<pubDate>", BANK, BankDates.DAY_MONTH_YEAR);
            if (date != null && !date.equals(itemDate)) {
                throw new MalformedPublicationException("the feed mixes the rates of " + date + " and " + itemDate);
            }
            date = itemDate;
        }
        return items(items, date);
    }

    private Publication items(List<Element> items, LocalDate date) {
        PublicationLines lines = new PublicationLines(homeCurrency(), RATE_DECIMALS);
        for (Element item : items) {
            lines.add(SafeXml.childText(item, "title"), SafeXml.childText(item, "quant"),
                    SafeXml.childText(item, "description"), SafeXml.childText(item, "change"));
        }
        return lines.on(date);
    }
}
