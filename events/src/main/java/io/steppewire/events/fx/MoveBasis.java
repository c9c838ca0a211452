package io.steppewire.events.fx;

/** What made a move big. */
public enum MoveBasis {
    /** The source's own reported change reached the threshold. */
    REPORTED,
    /** The change computed from the two quotes lies wholly beyond the threshold, whatever their rounding. */
    COMPUTED,
    /** Both of the above. */
    REPORTED_AND_COMPUTED,
    /** Not a big move at this threshold. */
    NONE
}
