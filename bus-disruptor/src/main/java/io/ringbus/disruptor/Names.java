package io.ringbus.disruptor;

/**
 * Validation of destination names and subscription patterns. A name is 1 to {@value #MAX_LENGTH} characters of
 * dot-separated, non-empty segments made of ASCII letters, digits, {@code '_'} and {@code '-'}; a pattern may also
 * have segments that are exactly {@code *} (one segment) or {@code #} (zero or more segments).
 * <p>
 * <b>Note:</b> stateless and thread-safe. Called when destinations and subscriptions are created, never per event.
 */
final class Names
{
    /**
     * Longest name or pattern, in characters (and so in bytes, since every legal character is ASCII).
     */
    static final int MAX_LENGTH = 255;

    private static final char SEPARATOR = '.';
    private static final char ONE_SEGMENT = '*';
    private static final char ANY_SEGMENTS = '#';

    // Over-long values are quoted only in part so that a huge string cannot blow up a log line.
    private static final int MAX_QUOTED_LENGTH = 64;

    private static final String NAME_RULE =
        "names are dot-separated segments of ASCII letters, digits, '_' and '-'";
    private static final String PATTERN_RULE =
        "patterns are dot-separated segments of ASCII letters, digits, '_' and '-', " +
        "or a whole segment '*' (exactly one segment) or '#' (zero or more segments)";

    private Names()
    {
    }

    /**
     * Check that a string is a legal destination name.
     *
     * @param name    the candidate name.
     * @param argName the name of the caller's argument, used in the exception message.
     * @return {@code name}, for use in assignments.
     * @throws NullPointerException     if {@code name} is null.
     * @throws IllegalArgumentException if {@code name} breaks a rule; the message names the argument, quotes the
     *                                  value and states the rule.
     */
    static String validateName(final String name, final String argName)
    {
        validate(name, argName, false);
        return name;
    }

    /**
     * Check that a string is a legal subscription pattern: a name whose segments may also be exactly {@code *}
     * or {@code #}.
     *
     * @param pattern the candidate pattern.
     * @param argName the name of the caller's argument, used in the exception message.
     * @return {@code pattern}, for use in assignments.
     * @throws NullPointerException     if {@code pattern} is null.
     * @throws IllegalArgumentException if {@code pattern} breaks a rule; the message names the argument, quotes
     *                                  the value and states the rule.
     */
    static String validatePattern(final String pattern, final String argName)
    {
        validate(pattern, argName, true);
        return pattern;
    }

    /**
     * Whether a string has a wildcard segment, that is a segment that is exactly {@code *} or {@code #}. It does
     * not validate: a misplaced wildcard such as in {@code a*} is not a wildcard segment, and is refused by
     * {@link #validatePattern(String, String)}.
     *
     * @param address a name or pattern.
     * @return true if {@code address} has a {@code *} or {@code #} segment.
     * @throws NullPointerException if {@code address} is null.
     */
    static boolean isPattern(final String address)
    {
        final int length = address.length();
        for (int i = 0; i < length; i++)
        {
            final char c = address.charAt(i);
            if ((c == ONE_SEGMENT || c == ANY_SEGMENTS) &&
                (i == 0 || address.charAt(i - 1) == SEPARATOR) &&
                (i == length - 1 || address.charAt(i + 1) == SEPARATOR))
            {
                return true;
            }
        }

        return false;
    }

    private static void validate(final String value, final String argName, final boolean allowWildcards)
    {
        if (null == value)
        {
            throw new NullPointerException(argName + " must not be null");
        }

        final String rule = allowWildcards ? PATTERN_RULE : NAME_RULE;
        final int length = value.length();
        if (length == 0)
        {
            throw new IllegalArgumentException(
                argName + " '' is empty: " + rule + ", 1 to " + MAX_LENGTH + " characters long");
        }

        if (length > MAX_LENGTH)
        {
            throw new IllegalArgumentException(
                argName + " '" + value.substring(0, MAX_QUOTED_LENGTH) + "...' is " + length +
                " characters long: at most " + MAX_LENGTH + " characters are allowed");
        }

        if (value.charAt(0) == SEPARATOR)
        {
            throw new IllegalArgumentException(argName + " '" + value + "' starts with a dot: " + rule);
        }

        if (value.charAt(length - 1) == SEPARATOR)
        {
            throw new IllegalArgumentException(argName + " '" + value + "' ends with a dot: " + rule);
        }

        // Report the leftmost problem, segment by segment, so the message points where the user should look first.
        int position = 1;
        int start = 0;
        while (start <= length)
        {
            int end = value.indexOf(SEPARATOR, start);
            if (end < 0)
            {
                end = length;
            }

            validateSegment(value, argName, allowWildcards, rule, start, end, position);
            start = end + 1;
            position++;
        }
    }

    private static void validateSegment(
        final String value,
        final String argName,
        final boolean allowWildcards,
        final String rule,
        final int start,
        final int end,
        final int position)
    {
        if (start == end)
        {
            throw new IllegalArgumentException(
                argName + " '" + value + "' has an empty segment at position " + position + ": " + rule);
        }

        if (allowWildcards && end - start == 1)
        {
            final char c = value.charAt(start);
            if (c == ONE_SEGMENT || c == ANY_SEGMENTS)
            {
                return;
            }
        }

        for (int i = start; i < end; i++)
        {
            final char c = value.charAt(i);
            if (c == ONE_SEGMENT || c == ANY_SEGMENTS)
            {
                if (allowWildcards)
                {
                    throw new IllegalArgumentException(
                        argName + " '" + value + "' has segment '" + value.substring(start, end) + "' at position " +
                        position + " mixing '" + c + "' with other characters: a wildcard must be a whole " +
                        "segment, '*' for exactly one segment or '#' for zero or more segments");
                }

                throw new IllegalArgumentException(
                    argName + " '" + value + "' contains '" + c + "' at index " + i +
                    ": wildcards are only allowed in patterns");
            }

            if (!isSegmentChar(c))
            {
                throw new IllegalArgumentException(
                    argName + " '" + value + "' contains " + describe(value.codePointAt(i)) + " at index " + i +
                    ": " + rule);
            }
        }
    }

    private static boolean isSegmentChar(final char c)
    {
        return (c >= 'a' && c <= 'z') ||
            (c >= 'A' && c <= 'Z') ||
            (c >= '0' && c <= '9') ||
            c == '_' ||
            c == '-';
    }

    // A non-ASCII letter or digit may look like an ASCII one, so it also gets its code point; anything else that is
    // not printable ASCII may be invisible or a lone surrogate, so it gets only its code point.
    private static String describe(final int codePoint)
    {
        if (codePoint >= 0x20 && codePoint < 0x7F)
        {
            return "'" + (char)codePoint + "'";
        }

        final String hex = String.format("U+%04X", codePoint);
        if (Character.isLetterOrDigit(codePoint))
        {
            return "'" + new String(Character.toChars(codePoint)) + "' (" + hex + ")";
        }

        return hex;
    }
}
