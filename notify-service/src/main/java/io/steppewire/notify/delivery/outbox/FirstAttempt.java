package io.steppewire.notify.delivery.outbox;

import java.util.concurrent.TimeUnit;

/**
 * A delivery whose first attempt starts before anything of it is written to the outbox. The consumer that raised the
 * alert waits briefly ({@code first-attempt-wait}) for the attempt's record: a delivered alert then costs its history
 * alone, and a failed one its pending document with the attempt already in it. Whatever has no record by then gets
 * its pending document from the consumer, claimed by the attempt still running, before the event's offset is
 * committed; after that the attempt's record updates that document like any other. Whichever of the two writers comes
 * first decides, under this object's lock, and the other follows.
 */
public final class FirstAttempt {

    enum State {
        /** Attempting, or waiting in its endpoint's lane; nothing written. */
        IN_FLIGHT,
        /** The recorder is writing the attempt's outcome (its history, or its pending document if it is retried). */
        RECORDING,
        /** The outcome is written: nothing left for the consumer to do. */
        RECORDED,
        /** Given back unattempted, or its record could not be written: the consumer writes it due at once. */
        UNRECORDED,
        /** The consumer is writing the pending document. */
        WRITING,
        /** The pending document exists: the attempt's outcome updates it like any claimed delivery's. */
        WRITTEN
    }

    /** When it was claimed ({@link System#nanoTime()}): the consumer's wait counts from here. */
    private final long startedAt = System.nanoTime();
    private State state = State.IN_FLIGHT;
    /** The state before WRITING, to go back to should the write fail. */
    private State beforeWriting = State.IN_FLIGHT;

    /** The recorder's question: true to record without a pending document, false when one was written meanwhile. */
    synchronized boolean startRecording() throws InterruptedException {
        while (state == State.WRITING) {
            wait();
        }
        if (state == State.IN_FLIGHT) {
            state = State.RECORDING;
            return true;
        }
        return false;
    }

    synchronized void recorded() {
        state = State.RECORDED;
        notifyAll();
    }

    synchronized void recordingFailed() {
        state = State.UNRECORDED;
        notifyAll();
    }

    /** Given back unattempted: true when nothing of it is stored, so the consumer writes it (unclaimed). */
    synchronized boolean giveBack() {
        if (state == State.IN_FLIGHT) {
            state = State.UNRECORDED;
            notifyAll();
            return true;
        }
        return false;
    }

    /** Whether its claim exists only in memory still. */
    synchronized boolean unwritten() {
        return state == State.IN_FLIGHT || state == State.RECORDING;
    }

    /**
     * Waits until the attempt is recorded or given back, or the deadline ({@link System#nanoTime()}) passes while the
     * attempt still runs. A record being written is waited for past the deadline, up to {@code recordingWait}.
     */
    synchronized void awaitRecord(long deadline, long recordingWaitNanos) throws InterruptedException {
        long recordingDeadline = deadline + recordingWaitNanos;
        while (true) {
            long now = System.nanoTime();
            if (state == State.IN_FLIGHT && now - deadline < 0) {
                TimeUnit.NANOSECONDS.timedWait(this, deadline - now);
            } else if (state == State.RECORDING && now - recordingDeadline < 0) {
                TimeUnit.NANOSECONDS.timedWait(this, recordingDeadline - now);
            } else {
                return;
            }
        }
    }

    /** What the consumer writes for a first attempt once it stops waiting. */
    enum Write {
        /** Nothing: the attempt is recorded. */
        NOTHING,
        /** The pending document, claimed by the attempt that still runs. */
        CLAIMED,
        /** The pending document, unclaimed and due at once: nothing runs. */
        DUE_NOW
    }

    /** The consumer's turn: what it must write. Fails while a record is still being written. */
    synchronized Write startWriting() {
        switch (state) {
            case RECORDED -> {
                return Write.NOTHING;
            }
            case IN_FLIGHT, UNRECORDED -> {
                beforeWriting = state;
                Write write = state == State.IN_FLIGHT ? Write.CLAIMED : Write.DUE_NOW;
                state = State.WRITING;
                return write;
            }
            default -> throw new IllegalStateException("A first attempt's record is still being written (state " + state + ")");
        }
    }

    synchronized void written() {
        state = State.WRITTEN;
        notifyAll();
    }

    synchronized void writingFailed() {
        state = beforeWriting;
        notifyAll();
    }

    long startedAt() {
        return startedAt;
    }
}
