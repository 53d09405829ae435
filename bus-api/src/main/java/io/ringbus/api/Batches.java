package io.ringbus.api;

import java.util.Objects;

/**
 * The argument checks of the batch publish verbs, and the adapter the default {@code long} publish goes
 * through, shared by every {@link Topic} implementation.
 */
final class Batches
{
    /** Runs a {@link LongTranslator} as a {@link BiTranslator}: boxes, so engines override the verbs using it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static final BiTranslator LONG = (slot, translator, value) ->
        ((LongTranslator<Object>)translator).translateTo(slot, (Long)value);

    private Batches()
    {
    }

    /**
     * Refuse a range outside the array.
     *
     * @throws NullPointerException      if {@code array} is {@code null}.
     * @throws IndexOutOfBoundsException if the range does not lie within it.
     */
    static void range(final Object[] array, final int from, final int count)
    {
        Objects.requireNonNull(array, "array");
        Objects.checkFromIndexSize(from, count, array.length);
    }

    /**
     * Refuse a range outside the array or holding a {@code null}, before anything is published.
     */
    static void check(final Object[] events, final int from, final int count)
    {
        range(events, from, count);
        for (int i = from; i < from + count; i++)
        {
            if (events[i] == null)
            {
                throw new NullPointerException("events[" + i + "] is null");
            }
        }
    }
}
