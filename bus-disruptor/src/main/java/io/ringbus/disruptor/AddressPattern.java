package io.ringbus.disruptor;

import java.util.ArrayList;

/**
 * A compiled subscription pattern, matched against destination names as an AMQP topic exchange does: {@code *}
 * matches exactly one segment and {@code #} matches zero or more. A pattern without wildcards matches only the
 * identical name.
 * <p>
 * <b>Note:</b> immutable and thread-safe. Matching runs when topics or subscriptions are created, never per event.
 */
final class AddressPattern
{
    private static final String ONE_SEGMENT = "*";
    private static final String ANY_SEGMENTS = "#";

    private final String pattern;
    private final String[] segments;
    private final boolean exact;

    private AddressPattern(final String pattern, final String[] segments, final boolean exact)
    {
        this.pattern = pattern;
        this.segments = segments;
        this.exact = exact;
    }

    /**
     * Compile a pattern.
     *
     * @param pattern a name, or a pattern with {@code *} (one segment) and {@code #} (zero or more) segments.
     * @return the compiled pattern.
     * @throws NullPointerException     if {@code pattern} is null.
     * @throws IllegalArgumentException if {@code pattern} is not a valid pattern.
     */
    static AddressPattern compile(final String pattern)
    {
        Names.validatePattern(pattern, "pattern");

        return new AddressPattern(pattern, collapse(split(pattern)), !Names.isPattern(pattern));
    }

    /**
     * @return whether this is a plain name, without wildcards: it matches that one name only.
     */
    boolean isExact()
    {
        return exact;
    }

    /**
     * Whether a destination name matches this pattern.
     *
     * @param name a destination name.
     * @return true if {@code name} matches.
     * @throws NullPointerException     if {@code name} is null.
     * @throws IllegalArgumentException if {@code name} is not a valid name, for example a pattern.
     */
    boolean matches(final String name)
    {
        Names.validateName(name, "name");
        if (exact)
        {
            return pattern.equals(name);
        }

        return matches(segments, split(name));
    }

    /**
     * The pattern as it was compiled.
     *
     * @return the source pattern.
     */
    String pattern()
    {
        return pattern;
    }

    /**
     * Patterns are equal when their source strings are; {@code a.#} and {@code a.#.#} match the same names but
     * are not equal.
     *
     * @param o the other object.
     * @return true if {@code o} is a pattern compiled from an equal string.
     */
    @Override
    public boolean equals(final Object o)
    {
        return this == o || (o instanceof AddressPattern && pattern.equals(((AddressPattern)o).pattern));
    }

    /**
     * A hash consistent with {@link #equals(Object)}.
     *
     * @return the hash of the source pattern.
     */
    @Override
    public int hashCode()
    {
        return pattern.hashCode();
    }

    /**
     * The source pattern.
     *
     * @return {@link #pattern()}.
     */
    @Override
    public String toString()
    {
        return pattern;
    }

    /*
     * Dynamic programming from the end, one row per pattern segment: row i, column j says whether pattern segments
     * i.. match name segments j.. . Each cell is O(1), so the cost is O(pattern segments x name segments) however
     * many '#' the pattern has, where naive backtracking over '#' is exponential.
     */
    private static boolean matches(final String[] patternSegments, final String[] nameSegments)
    {
        final int nameCount = nameSegments.length;
        boolean[] next = new boolean[nameCount + 1];
        boolean[] current = new boolean[nameCount + 1];
        next[nameCount] = true;

        for (int i = patternSegments.length - 1; i >= 0; i--)
        {
            final String segment = patternSegments[i];
            if (ANY_SEGMENTS.equals(segment))
            {
                // '#' either matches nothing here (next row) or takes one more name segment and stays (this row).
                current[nameCount] = next[nameCount];
                for (int j = nameCount - 1; j >= 0; j--)
                {
                    current[j] = next[j] || current[j + 1];
                }
            }
            else
            {
                final boolean any = ONE_SEGMENT.equals(segment);
                current[nameCount] = false;
                for (int j = nameCount - 1; j >= 0; j--)
                {
                    current[j] = (any || segment.equals(nameSegments[j])) && next[j + 1];
                }
            }

            final boolean[] swap = next;
            next = current;
            current = swap;
        }

        return next[0];
    }

    // A run of '#' matches exactly what one '#' matches, so it is shortened once here rather than walked per match.
    private static String[] collapse(final String[] segments)
    {
        final ArrayList<String> collapsed = new ArrayList<>(segments.length);
        for (final String segment : segments)
        {
            final int size = collapsed.size();
            if (!(ANY_SEGMENTS.equals(segment) && size > 0 && ANY_SEGMENTS.equals(collapsed.get(size - 1))))
            {
                collapsed.add(segment);
            }
        }

        return collapsed.toArray(new String[0]);
    }

    // String.split takes a regex and drops trailing empty strings; a plain scan of a validated value is clearer.
    private static String[] split(final String value)
    {
        final ArrayList<String> parts = new ArrayList<>();
        int start = 0;
        int end;
        while ((end = value.indexOf('.', start)) >= 0)
        {
            parts.add(value.substring(start, end));
            start = end + 1;
        }
        parts.add(value.substring(start));

        return parts.toArray(new String[0]);
    }
}
