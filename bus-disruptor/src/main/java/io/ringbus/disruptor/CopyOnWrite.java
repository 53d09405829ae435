package io.ringbus.disruptor;

import java.util.Arrays;

/**
 * Arrays replaced whole on change, so that hot-path readers iterate a stable snapshot without a lock or an
 * iterator. Writers serialise among themselves.
 */
final class CopyOnWrite
{
    private CopyOnWrite()
    {
    }

    static <T> T[] with(final T[] array, final T element)
    {
        final T[] next = Arrays.copyOf(array, array.length + 1);
        next[array.length] = element;
        return next;
    }

    /**
     * @return the array without the element (by identity), or the same array if it was not there.
     */
    static <T> T[] without(final T[] array, final T element)
    {
        for (int i = 0; i < array.length; i++)
        {
            if (array[i] == element)
            {
                final T[] next = Arrays.copyOf(array, array.length - 1);
                System.arraycopy(array, i + 1, next, i, array.length - i - 1);
                return next;
            }
        }
        return array;
    }
}
