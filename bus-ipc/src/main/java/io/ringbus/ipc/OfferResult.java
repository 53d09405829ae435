package io.ringbus.ipc;

import io.aeron.Publication;

/**
 * What became of one event offered to a shared topic with {@link AeronBus#offer}: Aeron's outcomes by name, plus
 * the local ring's. Expected outcomes are values, not exceptions.
 * <p>
 * <b>Note:</b> immutable; thread-safe.
 */
public enum OfferResult
{
    /** Written to the local ring and to the Aeron stream. */
    ACCEPTED,
    /** The local ring of the topic was full; nothing was written to the stream. */
    RING_FULL,
    /** Aeron: the slowest subscriber of the stream is a window behind; try again later. */
    BACK_PRESSURED,
    /** Aeron: no subscriber is connected to the stream (not even this bus's own). */
    NOT_CONNECTED,
    /** Aeron: the log was rotating or a claim was being cleaned; try again at once. */
    ADMIN_ACTION,
    /** Aeron: the publication is closed (the bus is closing, or the driver went away). */
    CLOSED,
    /** Aeron: the stream reached its largest position; the bus must be rebuilt. */
    MAX_POSITION_EXCEEDED;

    /**
     * The result of an Aeron {@code offer} return value.
     *
     * @param position what {@code Publication.offer} returned.
     * @return {@link #ACCEPTED} for a position, else the named failure.
     */
    public static OfferResult of(final long position)
    {
        if (position > 0)
        {
            return ACCEPTED;
        }
        if (position == Publication.BACK_PRESSURED)
        {
            return BACK_PRESSURED;
        }
        if (position == Publication.NOT_CONNECTED)
        {
            return NOT_CONNECTED;
        }
        if (position == Publication.ADMIN_ACTION)
        {
            return ADMIN_ACTION;
        }
        if (position == Publication.MAX_POSITION_EXCEEDED)
        {
            return MAX_POSITION_EXCEEDED;
        }
        return CLOSED;
    }

    /**
     * Whether trying again later can succeed.
     *
     * @return {@code true} for {@link #RING_FULL}, {@link #BACK_PRESSURED}, {@link #NOT_CONNECTED} and
     *         {@link #ADMIN_ACTION}.
     */
    public boolean isTransient()
    {
        return this == RING_FULL || this == BACK_PRESSURED || this == NOT_CONNECTED || this == ADMIN_ACTION;
    }
}
