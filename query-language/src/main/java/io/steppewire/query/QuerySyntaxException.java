package io.steppewire.query;

/**
 * A query that does not parse, with the place and what would have been accepted there.
 *
 * @see QueryParser
 */
public final class QuerySyntaxException extends IllegalArgumentException {

    private final int position;

    public QuerySyntaxException(int position, String message) {
        super("at position " + position + ": " + message);
        this.position = position;
    }

    /** Zero-based character offset in the query text. */
    public int position() {
        return position;
    }
}
