package io.steppewire.article.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/** Values a careless or malicious caller sends as query parameters and path variables. */
public final class HostileValues {

    private static String cursor(String inside) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(inside.getBytes(StandardCharsets.UTF_8));
    }

    public static final List<String> NUMBERS = List.of("0", "-1", "-2147483648", "2147483648", "99999999999999999999",
            "1e3", "0x10", "1.5", "NaN", "Infinity", "\uFF11\uFF10", "101", "100");

    public static final List<String> HUGE = List.of("a".repeat(10_000), "solar ".repeat(1_000), "x".repeat(1_001),
            "energy ".repeat(40), "\"grid ".repeat(300) + "\"");

    public static final List<String> REGEX = List.of(".*", "^$", "(a+)+$", "[", "\\", "a|b", "(?i)x", "\\Q", "$", "{", "}",
            "\"(a+)+$\"", "energy.*");

    public static final List<String> INJECTION = List.of("{\"$gt\":\"\"}", "$where", "{\"$where\":\"sleep(1000)\"}",
            "'; db.dropDatabase(); '", "$ne", "{\"$ne\":null}", "[$ne]", "this.publishedOn > 0", "#all", "#country:KZ:2026-03",
            "all", "<script>alert(1)</script>");

    public static final List<String> DATES = List.of("2026-02-30", "2026-13-01", "+999999999-12-31", "-999999999-01-01",
            "9999-12-31", "0000-01-01", "2026-03-14T25:00:00Z", "+1000000000-12-31T23:59:59.999999999Z",
            "9999-12-31T23:59:59.999999999Z", "-1000000000-01-01T00:00:00Z", "2026-03-14T00:00:00Z", "14.03.2026", "٢٠٢٦-٠٣-١٤");

    public static final List<String> PAIRS = List.of("KZT", "KZT-", "-USD", "KZT-USD-EUR", "usd-kzt", "kzt-usd", "KZT USD",
            "ÄÖÜ-USD", "USD-USD", "KZT_USD", " KZT-USD ");

    public static final List<String> PATHS = List.of("..", ".", "../..", "../../etc/passwd", "a/b", "a;b", "a%2Fb", "%00",
            "\u0000", "\r\n", "\t", "%", "%25", "\\..\\", "~", "*");

    public static final List<String> TEXT = List.of("", " ", "null", "undefined", "\"", "\"\"", "\"unclosed", "the",
            "\uD800", "🙂", "\u202Egnp.exe", "\u00A0", "Ǆ", "İ");

    public static final List<String> CURSORS = List.of(cursor("a1\n\n+999999999-12-31\n9223372036854775807\nx"),
            cursor("a1\nNaN\n2026-03-14\n0\nx"), cursor("a1\n-Infinity\n-999999999-01-01\n-9223372036854775808\nx"),
            cursor("a1\n1e308\n2026-03-14\n1\n" + "x".repeat(3_000)), cursor("a1\n\n2026-03-14\n1\n{\"$gt\":\"\"}"),
            cursor("a1\n\n2026-03-14\n1"), cursor("b9\n\n2026-03-14\n1\nx"), "====", "a".repeat(5_000));

    /** All of them. */
    public static List<String> all() {
        return Stream.of(NUMBERS, HUGE, REGEX, INJECTION, DATES, PAIRS, PATHS, TEXT, CURSORS).flatMap(List::stream).toList();
    }

    private HostileValues() {
    }
}
