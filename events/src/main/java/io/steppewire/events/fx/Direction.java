package io.steppewire.events.fx;

/** The direction of a rate move, or of a rule that watches for one. */
public enum Direction {
    UP, DOWN, EITHER;

    public boolean admits(Direction move) {
        return this == EITHER || this == move;
    }
}
