package io.steppewire.article.store;

import java.util.Collection;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One copy of the read model: every collection of the projection under the same suffix, so that a rebuild can
 * fill a new copy beside the one readers use. Generation 0 has no suffix: it is the store as earlier versions
 * wrote it, so upgrading needs no migration.
 *
 * @param number 0 for the original collections, then one higher for each rebuild
 */
public record Generation(long number) {

    public static final Generation ORIGINAL = new Generation(0);

    private static final String SUFFIX = "_g";
    private static final Pattern SUFFIXED = Pattern.compile("(.+)" + SUFFIX + "(\\d+)");

    public Generation {
        if (number < 0) {
            throw new IllegalArgumentException("A generation is numbered from 0; got " + number);
        }
    }

    /** The name of a collection of the projection in this generation, e.g. {@code articles_g3}. */
    public String collection(String base) {
        return number == 0 ? base : base + SUFFIX + number;
    }

    /** The generation a collection belongs to, when it is one of the named collections of some generation. */
    public static Optional<Generation> of(String collection, Collection<String> bases) {
        if (bases.contains(collection)) {
            return Optional.of(ORIGINAL);
        }
        Matcher suffixed = SUFFIXED.matcher(collection);
        if (suffixed.matches() && bases.contains(suffixed.group(1))) {
            try {
                return Optional.of(new Generation(Long.parseLong(suffixed.group(2))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "generation " + number;
    }
}
