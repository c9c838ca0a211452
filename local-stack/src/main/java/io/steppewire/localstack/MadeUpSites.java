package io.steppewire.localstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The made-up web that a stack without internet polls: a news site (a feed, a front page and article pages) and the
 * five central banks' official-rate publications, each in its bank's own format with made-up rates that move a
 * little from one business day to the next. Only the fixed paths below are served; anything else is 404.
 * <p>
 * Banks publish on business days: asked for a weekend day, a bank answers its Friday publication, which the
 * rates-service adapters read as "no new rate".
 */
final class MadeUpSites implements AutoCloseable {

    static final String FEED = "/news/feed.xml";
    static final String FRONT_PAGE = "/news/";
    static final String ARTICLE = "/news/articles/aral-catch.html";
    static final Map<String, String> BANK_PATHS = Map.of(
            "nbk", "/banks/nbk/rss/get_rates.cfm",
            "cbu", "/banks/cbu/arkhiv-kursov-valyut/json/all/",
            "nbkr", "/banks/nbkr/XML/daily.xml",
            "nbt", "/banks/nbt/kurs/export_xml.php",
            "cbt", "/banks/cbt/kurs/kurs_today.html");

    private static final List<String> ARTICLES = List.of("almaty-cycle-lane", "base-rate-held", "grain-harvest", "aral-catch");
    private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("dd.MM.uuuu");

    /** A currency a bank quotes: its code, units per quote, name, and its made-up middle rate in the bank's currency. */
    private record Quoted(String code, int units, String name, String rate) {
    }

    private final int port;
    private final Clock clock;
    private @Nullable HttpServer server;

    MadeUpSites(int port, Clock clock) {
        this.port = port;
        this.clock = clock;
    }

    /** Binds the port (checked free with the stack's others) and serves on loopback only. */
    void start() throws IOException {
        server = LoopbackHttp.start(port, this::serve);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The address of a bank's publication, as rates-service's {@code steppewire.rates.sources.<id>.url} wants it. */
    String bankUrl(String bank) {
        return url() + BANK_PATHS.get(bank);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, "text/plain", "Only GET");
                return;
            }
            URI uri = exchange.getRequestURI();
            Optional<Page> page;
            try {
                page = page(uri.getRawPath(), query(uri.getRawQuery()));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                answer(exchange, 400, "text/plain", "Bad date: " + e.getMessage());
                return;
            }
            if (page.isEmpty()) {
                answer(exchange, 404, "text/plain", "No such page on the made-up sites");
                return;
            }
            answer(exchange, 200, page.get().contentType(), page.get().body());
        }
    }

    /** A page to answer. */
    record Page(String contentType, String body) {
    }

    /** The page at {@code path}, or empty: paths are matched exactly, never resolved against files. */
    Optional<Page> page(String path, Map<String, String> query) throws IOException {
        LocalDate today = LocalDate.now(clock);
        if (path.equals(FEED)) {
            return Optional.of(new Page("application/rss+xml; charset=utf-8", resource("news/feed.xml").replace("${base}", url())));
        }
        if (path.equals(FRONT_PAGE) || path.equals("/news/index.html")) {
            return Optional.of(new Page("text/html; charset=utf-8", resource("news/index.html")));
        }
        for (String article : ARTICLES) {
            if (path.equals("/news/articles/" + article + ".html")) {
                return Optional.of(new Page("text/html; charset=utf-8", resource("news/articles/" + article + ".html")));
            }
        }
        if (path.equals(BANK_PATHS.get("nbk"))) {
            String day = query.get("fdate");
            return Optional.of(new Page("text/xml; charset=utf-8",
                    nbk(day == null ? today : LocalDate.parse(day, DAY_MONTH_YEAR))));
        }
        if (path.startsWith(BANK_PATHS.get("cbu"))) {
            String rest = path.substring(BANK_PATHS.get("cbu").length());
            LocalDate day = rest.isEmpty() ? today : LocalDate.parse(rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest);
            return Optional.of(new Page("application/json", cbu(day)));
        }
        if (path.equals(BANK_PATHS.get("nbkr"))) {
            return Optional.of(new Page("text/xml; charset=windows-1251", nbkr(LocalDate.now(clock.withZone(ZoneId.of("Asia/Bishkek"))))));
        }
        if (path.equals(BANK_PATHS.get("nbt"))) {
            String day = query.get("date");
            return Optional.of(new Page("text/xml; charset=utf-8", nbt(day == null ? today : LocalDate.parse(day))));
        }
        if (path.equals(BANK_PATHS.get("cbt"))) {
            return Optional.of(new Page("text/html; charset=utf-8", cbt(LocalDate.now(clock.withZone(ZoneId.of("Asia/Ashgabat"))))));
        }
        return Optional.empty();
    }

    /** The business day whose rates a bank shows for {@code day}: the day itself, or the Friday before a weekend. */
    static LocalDate published(LocalDate day) {
        return switch (day.getDayOfWeek()) {
            case SATURDAY -> day.minusDays(1);
            case SUNDAY -> day.minusDays(2);
            default -> day;
        };
    }

    /** A made-up rate for the day: the base moved by up to about half a per cent, the same every time it is asked. */
    static BigDecimal rateOn(String base, LocalDate day, int decimals) {
        long n = day.toEpochDay();
        double factor = 1 + 0.004 * Math.sin(n / 2.7) + 0.0015 * Math.cos(n / 0.9);
        return new BigDecimal(base).multiply(BigDecimal.valueOf(factor)).setScale(decimals, RoundingMode.HALF_EVEN);
    }

    private static LocalDate previousBusinessDay(LocalDate day) {
        LocalDate before = day.minusDays(1);
        while (before.getDayOfWeek() == DayOfWeek.SATURDAY || before.getDayOfWeek() == DayOfWeek.SUNDAY) {
            before = before.minusDays(1);
        }
        return before;
    }

    private static final List<Quoted> KZT = List.of(
            new Quoted("USD", 1, "ДОЛЛАР США", "512.34"), new Quoted("EUR", 1, "ЕВРО", "556.10"),
            new Quoted("RUB", 1, "РОССИЙСКИЙ РУБЛЬ", "5.95"), new Quoted("CNY", 1, "КИТАЙСКИЙ ЮАНЬ", "70.85"),
            new Quoted("KGS", 1, "КЫРГЫЗСКИЙ СОМ", "5.89"), new Quoted("UZS", 100, "100 УЗБЕКСКИХ СУМОВ", "4.02"),
            new Quoted("TJS", 1, "ТАДЖИКСКИЙ СОМОНИ", "46.92"));

    private static String nbk(LocalDate asked) {
        LocalDate day = published(asked);
        LocalDate before = previousBusinessDay(day);
        String items = KZT.stream().map(q -> {
            BigDecimal rate = rateOn(q.rate(), day, 2);
            BigDecimal change = rate.subtract(rateOn(q.rate(), before, 2));
            return """
                        <item>
                        <fullname>%s</fullname>
                        <title>%s</title>
                        <description>%s</description>
                        <quant>%d</quant>
                        <index>%s</index>
                        <change>%s</change>
                        </item>
                    """.formatted(q.name(), q.code(), rate.toPlainString(), q.units(), change.signum() < 0 ? "DOWN" : "UP",
                    change.toPlainString());
        }).collect(Collectors.joining());
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <rates>
                    <generator>steppewire local stack</generator>
                    <title>Official exchange rates (made up for the local stack)</title>
                    <date>%s</date>
                %s</rates>
                """.formatted(DAY_MONTH_YEAR.format(day), items);
    }

    private static final List<Quoted> UZS = List.of(
            new Quoted("USD", 1, "US Dollar", "12731.45"), new Quoted("EUR", 1, "Euro", "13860.12"),
            new Quoted("RUB", 1, "Russian Ruble", "147.83"), new Quoted("KZT", 1, "Kazakhstan Tenge", "24.85"),
            new Quoted("KGS", 1, "Kyrgyz Som", "146.40"), new Quoted("TJS", 1, "Tajik Somoni", "1166.30"));

    private static String cbu(LocalDate asked) {
        LocalDate day = published(asked);
        LocalDate before = previousBusinessDay(day);
        return UZS.stream().map(q -> {
            BigDecimal rate = rateOn(q.rate(), day, 2);
            return "{\"Ccy\":\"%s\",\"CcyNm_EN\":\"%s\",\"Nominal\":\"%d\",\"Rate\":\"%s\",\"Diff\":\"%s\",\"Date\":\"%s\"}".formatted(
                    q.code(), q.name(), q.units(), rate.toPlainString(), rate.subtract(rateOn(q.rate(), before, 2)).toPlainString(),
                    DAY_MONTH_YEAR.format(day));
        }).collect(Collectors.joining(",", "[", "]"));
    }

    private static final List<Quoted> KGS = List.of(
            new Quoted("USD", 1, "", "86.9300"), new Quoted("EUR", 1, "", "94.6112"), new Quoted("CNY", 1, "", "11.9874"),
            new Quoted("KZT", 1, "", "0.1845"), new Quoted("RUB", 1, "", "1.0912"));

    private static String nbkr(LocalDate today) {
        LocalDate day = published(today);
        String currencies = KGS.stream().map(q -> """
                <Currency ISOCode="%s">
                <Nominal>%d</Nominal>
                <Value>%s</Value>
                </Currency>
                """.formatted(q.code(), q.units(), rateOn(q.rate(), day, 4).toPlainString().replace('.', ','))).collect(Collectors.joining());
        return """
                <?xml version="1.0" encoding="windows-1251" ?>
                <CurrencyRates Name="Daily Exchange Rates" Date="%s">
                %s</CurrencyRates>
                """.formatted(DAY_MONTH_YEAR.format(day), currencies);
    }

    private static final List<Quoted> TJS = List.of(
            new Quoted("USD", 1, "US Dollar", "10.9234"), new Quoted("EUR", 1, "EURO", "11.8917"),
            new Quoted("RUB", 1, "Russian Ruble", "0.1311"), new Quoted("UZS", 100, "Uzbekistan Sum", "0.0857"),
            new Quoted("KGS", 10, "Kyrgyzstan Som", "1.2567"), new Quoted("KZT", 100, "Kazakhstan Tenge", "2.1312"));

    private static String nbt(LocalDate asked) {
        LocalDate day = published(asked);
        String valutes = TJS.stream().map(q -> """
                <Valute>
                   <CharCode>%s</CharCode>
                   <Nominal>%d</Nominal>
                   <Name>%s</Name>
                   <Value>%s</Value>
                </Valute>
                """.formatted(q.code(), q.units(), q.name(), rateOn(q.rate(), day, 4).toPlainString())).collect(Collectors.joining());
        return """
                <?xml version="1.0" encoding="utf-8" ?>
                <ValCurs Date="%s" name="Foreign Currency Market">
                %s</ValCurs>
                """.formatted(day, valutes);
    }

    private static String cbt(LocalDate today) {
        return """
                <!DOCTYPE html>
                <html>
                <head><meta charset="utf-8"><title>Walýuta kursy (made up for the local stack)</title></head>
                <body>
                <p>%s</p>
                <table class="kurs">
                  <tr><th>Kody</th><th>Birligi</th><th>Walýuta</th><th>Kursy</th></tr>
                  <tr><td>USD</td><td>1</td><td>ABŞ-nyň dollary</td><td>3,5000</td></tr>
                </table>
                </body>
                </html>
                """.formatted(DAY_MONTH_YEAR.format(published(today)));
    }

    private static Map<String, String> query(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        return Arrays.stream(raw.split("&")).map(pair -> pair.split("=", 2)).filter(kv -> kv.length == 2)
                .collect(Collectors.toMap(kv -> kv[0], kv -> URLDecoder.decode(kv[1], StandardCharsets.UTF_8), (a, b) -> a));
    }

    private static String resource(String name) throws IOException {
        return SampleLoader.read("made-up-sites/" + name);
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        LoopbackHttp.answer(exchange, status, contentType, body.getBytes(contentType.contains("windows-1251")
                ? Charset.forName("windows-1251") : StandardCharsets.UTF_8));
    }
}
