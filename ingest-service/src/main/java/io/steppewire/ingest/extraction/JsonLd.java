package io.steppewire.ingest.extraction;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the article facts out of a page's JSON-LD blocks. A small tolerant JSON reader of its own keeps this package
 * free of the service's Jackson: it accepts what pages really ship (trailing commas, HTML comments or CDATA around
 * the object) and gives up quietly on anything else.
 */
final class JsonLd {

    /** Types whose node is the article itself; anything ending in Article counts too. */
    private static final List<String> ARTICLE_TYPES = List.of("blogposting", "liveblogposting", "report",
            "socialmediaposting");

    /** Deep or huge blocks are not articles' metadata: a bound keeps a hostile page cheap. */
    private static final int MAX_DEPTH = 40;
    private static final int MAX_CHARS = 500_000;

    record Facts(@Nullable String headline, @Nullable String datePublished, @Nullable String byline,
                 @Nullable String language, @Nullable String publisher) {
    }

    private JsonLd() {
    }

    /** The facts of the best article node among all the blocks; nulls where no block says. */
    static Facts facts(List<String> blocks) {
        Map<String, Object> best = null;
        int bestRank = Integer.MAX_VALUE;
        for (String block : blocks) {
            Object root = read(block);
            if (root == null) {
                continue;
            }
            List<Map<String, Object>> nodes = new ArrayList<>();
            collect(root, nodes, 0);
            for (Map<String, Object> node : nodes) {
                int rank = rank(node);
                if (rank < bestRank) {
                    best = node;
                    bestRank = rank;
                }
            }
        }
        if (best == null) {
            return new Facts(null, null, null, null, null);
        }
        return new Facts(string(best.get("headline")) != null ? string(best.get("headline")) : string(best.get("name")),
                string(best.get("datePublished")) != null ? string(best.get("datePublished")) : string(best.get("dateCreated")),
                authors(best.get("author")), language(best.get("inLanguage")), name(best.get("publisher")));
    }

    /** 0 for a news or other article type, 1 for a web page, 2 for any other node with a publication date. */
    private static int rank(Map<String, Object> node) {
        for (String type : types(node)) {
            String lower = type.toLowerCase(Locale.ROOT);
            if (lower.endsWith("article") || ARTICLE_TYPES.contains(lower)) {
                return 0;
            }
        }
        if (types(node).stream().anyMatch(t -> t.equalsIgnoreCase("webpage")) && node.containsKey("datePublished")) {
            return 1;
        }
        return node.containsKey("datePublished") && node.containsKey("headline") ? 2 : Integer.MAX_VALUE;
    }

    private static List<String> types(Map<String, Object> node) {
        Object type = node.get("@type");
        if (type instanceof String s) {
            return List.of(s);
        }
        if (type instanceof List<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object value, List<Map<String, Object>> nodes, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            nodes.add((Map<String, Object>) map);
            for (Object child : map.values()) {
                collect(child, nodes, depth + 1);
            }
        } else if (value instanceof List<?> list) {
            for (Object child : list) {
                collect(child, nodes, depth + 1);
            }
        }
    }

    private static @Nullable String string(@Nullable Object value) {
        if (value instanceof String s && !s.isBlank()) {
            return s;
        }
        if (value instanceof List<?> list && !list.isEmpty()) {
            return string(list.getFirst());
        }
        if (value instanceof Map<?, ?> map) {
            return string(map.get("@value"));
        }
        return null;
    }

    private static @Nullable String name(@Nullable Object value) {
        if (value instanceof Map<?, ?> map) {
            return string(map.get("name"));
        }
        return string(value);
    }

    private static @Nullable String language(@Nullable Object value) {
        if (value instanceof Map<?, ?> map) {
            return string(map.get("alternateName")) != null ? string(map.get("alternateName")) : string(map.get("name"));
        }
        return string(value);
    }

    /** One author, or several joined as a reader would write them: {@code A and B}, {@code A, B and C}. */
    private static @Nullable String authors(@Nullable Object value) {
        List<String> names = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object author : list) {
                String name = name(author);
                if (name != null) {
                    names.add(name.strip());
                }
            }
        } else {
            String name = name(value);
            if (name != null) {
                names.add(name.strip());
            }
        }
        if (names.isEmpty()) {
            return null;
        }
        if (names.size() == 1) {
            return names.getFirst();
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
    }

    /** Parses one block; null when it is not JSON even after the usual wrappers are taken off. */
    static @Nullable Object read(String block) {
        String text = block.strip();
        if (text.length() > MAX_CHARS) {
            return null;
        }
        text = unwrap(text, "<!--", "-->");
        text = unwrap(text, "<![CDATA[", "]]>");
        text = unwrap(text, "//<![CDATA[", "//]]>");
        Reader reader = new Reader(text);
        try {
            Object value = reader.value(0);
            reader.skipSpace();
            return reader.at == text.length() || text.charAt(reader.at) == ';' ? value : null;
        } catch (IllegalStateException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private static String unwrap(String text, String open, String close) {
        if (text.startsWith(open) && text.endsWith(close)) {
            return text.substring(open.length(), text.length() - close.length()).strip();
        }
        return text;
    }

    private static final class Reader {

        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        @Nullable Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw new IllegalStateException("too deep");
            }
            skipSpace();
            char c = text.charAt(at);
            return switch (c) {
                case '{' -> object(depth);
                case '[' -> array(depth);
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> number();
            };
        }

        private Map<String, Object> object(int depth) {
            Map<String, Object> map = new LinkedHashMap<>();
            at++;
            while (true) {
                skipSpace();
                if (text.charAt(at) == '}') {
                    at++;
                    return map;
                }
                String key = string();
                skipSpace();
                expect(':');
                Object value = value(depth + 1);
                if (value != null) {
                    map.put(key, value);
                }
                skipSpace();
                if (text.charAt(at) == ',') {
                    at++;
                } else if (text.charAt(at) != '}') {
                    throw new IllegalStateException("expected , or }");
                }
            }
        }

        private List<Object> array(int depth) {
            List<Object> list = new ArrayList<>();
            at++;
            while (true) {
                skipSpace();
                if (text.charAt(at) == ']') {
                    at++;
                    return list;
                }
                Object value = value(depth + 1);
                if (value != null) {
                    list.add(value);
                }
                skipSpace();
                if (text.charAt(at) == ',') {
                    at++;
                } else if (text.charAt(at) != ']') {
                    throw new IllegalStateException("expected , or ]");
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char escaped = text.charAt(at++);
                switch (escaped) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> out.append(escaped);
                }
            }
        }

        private @Nullable Object literal(String word, @Nullable Object value) {
            if (!text.startsWith(word, at)) {
                throw new IllegalStateException("expected " + word);
            }
            at += word.length();
            return value;
        }

        private String number() {
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            if (start == at) {
                throw new IllegalStateException("unexpected character");
            }
            return text.substring(start, at);
        }

        private void expect(char c) {
            if (text.charAt(at) != c) {
                throw new IllegalStateException("expected " + c);
            }
            at++;
        }

        void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }
}
