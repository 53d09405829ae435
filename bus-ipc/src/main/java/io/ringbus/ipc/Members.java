package io.ringbus.ipc;

import java.util.Arrays;

/**
 * The remote nodes that announced consumers (for a queue) or responders (for an address). Written only by the
 * receiver thread, read by any sender: the array is replaced, never changed in place.
 * <p>
 * <b>Note:</b> single writer (the receiver thread), many readers.
 */
final class Members
{
    private static final long[] NONE = new long[0];

    volatile long[] nodes = NONE;

    void add(final long node)
    {
        final long[] current = nodes;
        for (final long n : current)
        {
            if (n == node)
            {
                return;
            }
        }
        final long[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = node;
        nodes = next;
    }

    boolean contains(final long node)
    {
        for (final long n : nodes)
        {
            if (n == node)
            {
                return true;
            }
        }
        return false;
    }

    boolean remove(final long node)
    {
        final long[] current = nodes;
        for (int i = 0; i < current.length; i++)
        {
            if (current[i] == node)
            {
                final long[] next = new long[current.length - 1];
                System.arraycopy(current, 0, next, 0, i);
                System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                nodes = next;
                return true;
            }
        }
        return false;
    }
}
