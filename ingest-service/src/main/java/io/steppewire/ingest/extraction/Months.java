package io.steppewire.ingest.extraction;

import org.jspecify.annotations.Nullable;

import java.util.Locale;
import java.util.Map;

/** Month names in English and Russian (nominative, genitive and short forms), as dates on the region's pages use them. */
final class Months {

    private static final String[] ENGLISH = {"january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december"};
    private static final Map<String, Integer> RUSSIAN = Map.ofEntries(
            Map.entry("январ", 1), Map.entry("феврал", 2), Map.entry("март", 3), Map.entry("апрел", 4),
            Map.entry("мая", 5), Map.entry("май", 5), Map.entry("июн", 6), Map.entry("июл", 7), Map.entry("август", 8),
            Map.entry("сентябр", 9), Map.entry("октябр", 10), Map.entry("ноябр", 11), Map.entry("декабр", 12),
            Map.entry("янв", 1), Map.entry("фев", 2), Map.entry("мар", 3), Map.entry("апр", 4), Map.entry("авг", 8),
            Map.entry("сен", 9), Map.entry("окт", 10), Map.entry("ноя", 11), Map.entry("дек", 12));

    private Months() {
    }

    static @Nullable Integer number(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < ENGLISH.length; i++) {
            if (ENGLISH[i].equals(lower) || (lower.length() >= 3 && ENGLISH[i].startsWith(lower))
                    || (lower.equals("sept") && i == 8)) {
                return i + 1;
            }
        }
        for (int length = Math.min(lower.length(), 7); length >= 3; length--) {
            Integer month = RUSSIAN.get(lower.substring(0, length));
            if (month != null) {
                return month;
            }
        }
        return null;
    }

    static String english(int month) {
        String name = ENGLISH[month - 1];
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
