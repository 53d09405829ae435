package io.ringbus.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The minimum, median and maximum of one figure over the passes of a run ({@code bench.repeat}): a goal is judged
 * on the median, so that one noisy pass can neither make nor break it (BENCHMARKS.md 9).
 * <p>
 * <b>Note:</b> an immutable value.
 *
 * @param min    the smallest value, NaN when there is none.
 * @param median the middle value (the mean of the two middle ones for an even count), NaN when there is none.
 * @param max    the largest value, NaN when there is none.
 * @param count  how many values.
 */
record Spread(double min, double median, double max, int count)
{
    /** No value at all. */
    static final Spread NONE = new Spread(Double.NaN, Double.NaN, Double.NaN, 0);

    /**
     * The spread of some values.
     *
     * @param values the values, in any order; NaN values are not allowed.
     * @return their spread, {@link #NONE} when there are none.
     * @throws IllegalArgumentException when a value is NaN.
     */
    static Spread of(final List<Double> values)
    {
        if (values.isEmpty())
        {
            return NONE;
        }
        final List<Double> sorted = new ArrayList<>(values);
        for (final double value : sorted)
        {
            if (Double.isNaN(value))
            {
                throw new IllegalArgumentException("a spread of values that are not numbers: " + values);
            }
        }
        Collections.sort(sorted);
        final int n = sorted.size();
        final double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Spread(sorted.get(0), median, sorted.get(n - 1), n);
    }

    boolean isEmpty()
    {
        return count == 0;
    }
}
