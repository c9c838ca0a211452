package io.steppewire.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses keyword queries. Grammar (operators are upper case; lower-case "and", "or", "not" are words):
 *
 * <pre>
 * query   = or
 * or      = and { "OR" and }
 * and     = unary { ["AND"] unary }        two terms side by side mean AND
 * unary   = "NOT" unary | primary
 * primary = word | '"' phrase '"' | "(" or ")"
 * </pre>
 *
 * Errors name the position and what was expected, e.g. {@code at position 9: expected a word, a
 * "quoted phrase" or '(' after OR, found the end of the query}.
 */
public final class QueryParser {

    /** Longest query accepted: long enough for real watch lists, short enough to keep matching cheap. */
    public static final int MAX_LENGTH = 1000;
    /** Deepest nesting of parentheses and NOT: real queries need a few levels; the bound keeps parsing and matching shallow. */
    public static final int MAX_DEPTH = 16;

    private enum Kind { WORD, PHRASE, AND, OR, NOT, OPEN, CLOSE, END }

    private record Token(Kind kind, String text, int position) {
        String describe() {
            return switch (kind) {
                case WORD -> "'" + text + "'";
                case PHRASE -> "\"" + text + "\"";
                case AND, OR, NOT -> kind.name();
                case OPEN -> "'('";
                case CLOSE -> "')'";
                case END -> "the end of the query";
            };
        }
    }

    private final List<Token> tokens;
    private int next;
    private int depth;

    private QueryParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    public static KeywordQuery parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new QuerySyntaxException(MAX_LENGTH, "a query has at most " + MAX_LENGTH + " characters, this one has " + text.length());
        }
        QueryParser parser = new QueryParser(tokenize(text));
        if (parser.peek().kind == Kind.END) {
            throw new QuerySyntaxException(0, "the query is empty; write words, \"quoted phrases\", AND, OR, NOT and parentheses");
        }
        KeywordQuery query = parser.or();
        Token rest = parser.peek();
        if (rest.kind != Kind.END) {
            throw new QuerySyntaxException(rest.position, rest.kind == Kind.CLOSE
                    ? "')' has no matching '('"
                    : "expected AND, OR or the end of the query, found " + rest.describe());
        }
        return query;
    }

    private KeywordQuery or() {
        KeywordQuery left = and();
        while (peek().kind == Kind.OR) {
            Token operator = take();
            expectOperandAfter(operator);
            left = new KeywordQuery.Or(left, and());
        }
        return left;
    }

    private KeywordQuery and() {
        KeywordQuery left = unary();
        while (peek().kind == Kind.AND || startsOperand(peek())) {
            if (peek().kind == Kind.AND) {
                expectOperandAfter(take());
            }
            left = new KeywordQuery.And(left, unary());
        }
        return left;
    }

    private void expectOperandAfter(Token operator) {
        Token found = peek();
        if (!startsOperand(found)) {
            throw new QuerySyntaxException(found.position,
                    "expected a word, a \"quoted phrase\", NOT or '(' after " + operator.describe() + ", found " + found.describe());
        }
    }

    private KeywordQuery unary() {
        Token token = peek();
        if (token.kind == Kind.NOT) {
            expectOperandAfter(take());
            enter(token);
            KeywordQuery negated = new KeywordQuery.Not(unary());
            depth--;
            return negated;
        }
        return primary();
    }

    private KeywordQuery primary() {
        Token token = take();
        return switch (token.kind) {
            case WORD, PHRASE -> term(token);
            case OPEN -> {
                expectOperandAfter(token);
                enter(token);
                KeywordQuery inner = or();
                depth--;
                Token close = peek();
                if (close.kind != Kind.CLOSE) {
                    throw new QuerySyntaxException(close.position, "expected ')' to close the '(' at position "
                            + token.position + ", found " + close.describe());
                }
                take();
                yield inner;
            }
            default -> throw new QuerySyntaxException(token.position,
                    "expected a word, a \"quoted phrase\", NOT or '(', found " + token.describe());
        };
    }

    private void enter(Token token) {
        if (++depth > MAX_DEPTH) {
            throw new QuerySyntaxException(token.position, "the query nests parentheses and NOT more than " + MAX_DEPTH
                    + " levels deep; write it flatter");
        }
    }

    private static KeywordQuery term(Token token) {
        String key = TextTerms.key(token.text);
        if (key.isEmpty()) {
            throw new QuerySyntaxException(token.position, (token.kind == Kind.PHRASE ? "the phrase " : "the word ")
                    + token.describe() + " has no letters or digits to search for");
        }
        return new KeywordQuery.Term(key, token.text);
    }

    private static boolean startsOperand(Token token) {
        return token.kind == Kind.WORD || token.kind == Kind.PHRASE || token.kind == Kind.OPEN || token.kind == Kind.NOT;
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        return tokens.get(next++);
    }

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                tokens.add(new Token(Kind.OPEN, "(", i++));
            } else if (c == ')') {
                tokens.add(new Token(Kind.CLOSE, ")", i++));
            } else if (c == '"') {
                int close = text.indexOf('"', i + 1);
                if (close < 0) {
                    throw new QuerySyntaxException(i, "the phrase opened here has no closing quote '\"'");
                }
                tokens.add(new Token(Kind.PHRASE, text.substring(i + 1, close), i));
                i = close + 1;
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))
                        && "()\"".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                String word = text.substring(start, i);
                Kind kind = switch (word) {
                    case "AND" -> Kind.AND;
                    case "OR" -> Kind.OR;
                    case "NOT" -> Kind.NOT;
                    default -> Kind.WORD;
                };
                tokens.add(new Token(kind, word, start));
            }
        }
        tokens.add(new Token(Kind.END, "", text.length()));
        return tokens;
    }
}
