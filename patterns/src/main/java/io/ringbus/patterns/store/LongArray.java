package io.ringbus.patterns.store;

import java.util.Arrays;

/**
 * A growable array of {@code long}s, so that a million positions cost eight megabytes rather than a million
 * boxed {@code Long}s.
 * <p>
 * <b>Note:</b> not thread-safe; guarded by the store's lock.
 */
final class LongArray
{
    private long[] values;
    private int size;

    LongArray(final int initialCapacity)
    {
        values = new long[Math.max(4, initialCapacity)];
    }

    void add(final long value)
    {
        if (size == values.length)
        {
            values = Arrays.copyOf(values, values.length + (values.length >> 1));
        }
        values[size++] = value;
    }

    long get(final int index)
    {
        if (index >= size)
        {
            throw new IndexOutOfBoundsException("index " + index + " >= size " + size);
        }
        return values[index];
    }

    int size()
    {
        return size;
    }

    /**
     * The index of {@code value} in this array sorted ascending, or -1.
     */
    int indexOf(final long value)
    {
        final int found = Arrays.binarySearch(values, 0, size, value);
        return found >= 0 ? found : -1;
    }

    /**
     * The index of the last value {@code <= value} in this array sorted ascending, or -1.
     */
    int floorIndex(final long value)
    {
        final int found = Arrays.binarySearch(values, 0, size, value);
        return found >= 0 ? found : -found - 2;
    }
}
