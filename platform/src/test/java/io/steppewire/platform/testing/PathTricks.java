package io.steppewire.platform.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The spellings of a path that a careless edge routes to the same endpoint while its key check compares
 * another: {@code ;x=1} parameters, {@code %2F}, percent-encoded letters ({@code %73}), {@code //}, {@code /./},
 * {@code /../}, {@code ..;/}, a trailing {@code /} and upper case. A security suite sends each, unauthenticated
 * or with the wrong key, and expects a refusal with nothing done.
 */
public final class PathTricks {

    /** Every variant of a concrete path such as {@code /api/subscriptions/abc}; the plain path itself is not among them. */
    public static List<String> of(String path) {
        String[] segments = path.substring(1).split("/");
        Set<String> variants = new LinkedHashSet<>();
        for (int i = 0; i < segments.length; i++) {
            variants.add(replace(segments, i, segments[i] + ";x=1"));
            variants.add(replace(segments, i, encodeFirstLetter(segments[i])));
            variants.add(replace(segments, i, "." + "/" + segments[i]));
            variants.add(replace(segments, i, "x/../" + segments[i]));
            variants.add(replace(segments, i, "x/..;/" + segments[i]));
            variants.add(replace(segments, i, "/" + segments[i]));
        }
        for (int i = 0; i + 1 < segments.length; i++) {
            variants.add(join(segments, i) + "%2F" + String.join("/", List.of(segments).subList(i + 1, segments.length)));
        }
        variants.add(path + "/");
        variants.add(path + ";");
        variants.add(path.toUpperCase(Locale.ROOT));
        variants.add(path + "/.");
        variants.add(path + "%2F");
        variants.add(path.replace("/", "//"));
        variants.add(path + "%00");
        variants.remove(path);
        return List.copyOf(variants);
    }

    private static String encodeFirstLetter(String segment) {
        if (segment.isEmpty()) {
            return segment;
        }
        return String.format("%%%02x", (int) segment.charAt(0)) + segment.substring(1);
    }

    private static String replace(String[] segments, int index, String replacement) {
        List<String> copy = new ArrayList<>(List.of(segments));
        copy.set(index, replacement);
        return "/" + String.join("/", copy);
    }

    private static String join(String[] segments, int through) {
        return "/" + String.join("/", List.of(segments).subList(0, through + 1));
    }

    private PathTricks() {
    }
}
