package io.ringbus.patterns.store;

import java.util.UUID;

/**
 * Event id to global position, open addressing over three parallel {@code long} arrays: 48 bytes an event at
 * worst, against about 100 for a {@code HashMap<UUID, Long>}, and no object per entry. Ids are random UUIDs in
 * practice, but the hash mixes both halves anyway so that sequential ids spread too.
 * <p>
 * <b>Note:</b> not thread-safe; guarded by the store's lock.
 */
final class EventIdIndex
{
    private static final long EMPTY = -1;

    private long[] high;
    private long[] low;
    private long[] positions;
    private int size;
    private int mask;

    EventIdIndex()
    {
        allocate(1024);
    }

    private void allocate(final int capacity)
    {
        high = new long[capacity];
        low = new long[capacity];
        positions = new long[capacity];
        java.util.Arrays.fill(positions, EMPTY);
        mask = capacity - 1;
    }

    /**
     * @return the position appended with that id, or -1.
     */
    long get(final UUID id)
    {
        final long h = id.getMostSignificantBits();
        final long l = id.getLeastSignificantBits();
        for (int i = slot(h, l); ; i = (i + 1) & mask)
        {
            final long position = positions[i];
            if (EMPTY == position)
            {
                return -1;
            }
            if (high[i] == h && low[i] == l)
            {
                return position;
            }
        }
    }

    void put(final UUID id, final long position)
    {
        if ((size + 1) * 2 > positions.length)
        {
            grow();
        }
        insert(id.getMostSignificantBits(), id.getLeastSignificantBits(), position);
        size++;
    }

    int size()
    {
        return size;
    }

    private void insert(final long h, final long l, final long position)
    {
        int i = slot(h, l);
        while (EMPTY != positions[i])
        {
            i = (i + 1) & mask;
        }
        high[i] = h;
        low[i] = l;
        positions[i] = position;
    }

    private void grow()
    {
        final long[] oldHigh = high;
        final long[] oldLow = low;
        final long[] oldPositions = positions;
        allocate(oldPositions.length * 2);
        for (int i = 0; i < oldPositions.length; i++)
        {
            if (EMPTY != oldPositions[i])
            {
                insert(oldHigh[i], oldLow[i], oldPositions[i]);
            }
        }
    }

    private int slot(final long h, final long l)
    {
        long x = h * 0x9E3779B97F4A7C15L ^ l;
        x ^= x >>> 31;
        x *= 0xBF58476D1CE4E5B9L;
        x ^= x >>> 29;
        return (int)x & mask;
    }
}
