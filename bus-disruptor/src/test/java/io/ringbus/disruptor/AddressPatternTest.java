package io.ringbus.disruptor;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressPatternTest
{
    @ParameterizedTest(name = "''{0}'' matches ''{1}'': {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        // '#' at the end matches zero or more trailing segments.
        "orders.#           | orders                | true",
        "orders.#           | orders.a              | true",
        "orders.#           | orders.a.b            | true",
        "orders.#           | order                 | false",
        "orders.#           | ordersx               | false",
        "orders.#           | ordersx.a             | false",
        "orders.#           | x.orders              | false",
        "orders.#           | x.orders.a            | false",
        // '#' alone matches everything.
        "#                  | a                     | true",
        "#                  | a.b.c                 | true",
        "#                  | orders.eu.placed      | true",
        // '#' at the start matches zero or more leading segments.
        "#.placed           | placed                | true",
        "#.placed           | x.placed              | true",
        "#.placed           | x.y.placed            | true",
        "#.placed           | placed.x              | false",
        "#.placed           | xplaced               | false",
        "#.placed           | x.placedx             | false",
        // '*' matches exactly one segment.
        "a.*.c              | a.b.c                 | true",
        "a.*.c              | a.xyz.c               | true",
        "a.*.c              | a.c                   | false",
        "a.*.c              | a.b.b.c               | false",
        "a.*.c              | a.b.d                 | false",
        "a.*.c              | b.b.c                 | false",
        "*                  | a                     | true",
        "*                  | a.b                   | false",
        "*.*                | a.b                   | true",
        "*.*                | a                     | false",
        "*.*                | a.b.c                 | false",
        "a.*                | a.b                   | true",
        "a.*                | a                     | false",
        "a.*                | a.b.c                 | false",
        "*.c                | a.c                   | true",
        "*.c                | c                     | false",
        // '#' in the middle.
        "a.#.b              | a.b                   | true",
        "a.#.b              | a.x.b                 | true",
        "a.#.b              | a.x.y.b               | true",
        "a.#.b              | a.x.y                 | false",
        "a.#.b              | b.a.b                 | false",
        "a.#.b              | a.b.c                 | false",
        "a.#.b              | a.b.b                 | true",
        "#.a.#              | a                     | true",
        "#.a.#              | x.a.y                 | true",
        "#.a.#              | x.y.a                 | true",
        "#.a.#              | x.y                   | false",
        "a.#.b.#.c          | a.b.c                 | true",
        "a.#.b.#.c          | a.x.b.y.z.c           | true",
        "a.#.b.#.c          | a.b.b.b.c             | true",
        "a.#.b.#.c          | a.x.c                 | false",
        "a.#.b.#.c          | a.c.b                 | false",
        // Consecutive '#' behave as one.
        "#.#                | a                     | true",
        "#.#                | a.b.c                 | true",
        "a.#.#.b            | a.b                   | true",
        "a.#.#.b            | a.x.b                 | true",
        "a.#.#.b            | a.x.y.z.b             | true",
        "a.#.#.b            | a.x.y.z               | false",
        "#.#.#.x            | x                     | true",
        "#.#.#.x            | a.b.x                 | true",
        "#.#.#.x            | x.a                   | false",
        // '*' and '#' together: '*' still needs one segment of its own.
        "#.*                | a                     | true",
        "#.*                | a.b.c                 | true",
        "*.#                | a                     | true",
        "*.#                | a.b.c                 | true",
        "#.*.#              | a                     | true",
        "*.#.*              | a                     | false",
        "*.#.*              | a.b                   | true",
        "*.#.*              | a.b.c                 | true",
        "*.*.#              | a                     | false",
        "*.*.#              | a.b                   | true",
        "#.*.*              | a                     | false",
        "#.*.*              | a.b.c.d               | true",
        "a.*.#.c            | a.b.c                 | true",
        "a.*.#.c            | a.c                   | false",
        "a.*.#.c            | a.b.x.y.c             | true",
        // Exact patterns match only the identical name, case-sensitively.
        "orders.eu.placed   | orders.eu.placed      | true",
        "orders.eu.placed   | orders.eu.placedx     | false",
        "orders.eu.placed   | orders.eu             | false",
        "orders.eu.placed   | orders.eu.placed.x    | false",
        "orders.eu.placed   | Orders.eu.placed      | false",
        "a                  | a                     | true",
        "a                  | b                     | false",
        // Literal segments compare whole and case-sensitively.
        "a.*.C              | a.b.c                 | false",
        "a-b.*              | a-b.c_d               | true",
        "a.*                | ab.c                  | false",
        "ab.#               | a.b                   | false",
    })
    void shouldMatchLikeAnAmqpTopicExchange(final String pattern, final String name, final boolean expected)
    {
        assertEquals(expected, AddressPattern.compile(pattern).matches(name));
    }

    @Test
    void shouldMatchLongNamesAgainstManyWildcardsWithoutBacktracking()
    {
        // 128 segments, the most a 255-character name can hold.
        final String allA = "a.".repeat(127) + "a";
        final String endsInX = "a.".repeat(127) + "x";

        // Naive backtracking tries every way to share the 'a' segments among the '#', which never ends here.
        final AddressPattern separatedHashes = AddressPattern.compile("#.a.".repeat(50) + "#.x");
        assertFalse(separatedHashes.matches(allA));
        assertTrue(separatedHashes.matches(endsInX));

        final AddressPattern adjacentHashes = AddressPattern.compile("#.".repeat(120) + "x");
        assertFalse(adjacentHashes.matches(allA));
        assertTrue(adjacentHashes.matches(endsInX));

        final AddressPattern starsAndHashes = AddressPattern.compile("#.*.".repeat(50) + "#.x");
        assertFalse(starsAndHashes.matches(allA));
        assertTrue(starsAndHashes.matches(endsInX));
        assertFalse(starsAndHashes.matches("a.".repeat(49) + "x"));
        assertTrue(starsAndHashes.matches("a.".repeat(50) + "x"));
    }

    @Test
    void shouldAgreeWithReferenceMatcherOnRandomInputs()
    {
        final String[] patternSegments = {"a", "b", "*", "#"};
        final String[] nameSegments = {"a", "b"};
        final Random random = new Random(42);

        for (int i = 0; i < 20_000; i++)
        {
            final String pattern = randomAddress(random, patternSegments, 1 + random.nextInt(6));
            final String name = randomAddress(random, nameSegments, 1 + random.nextInt(7));

            assertEquals(
                referenceMatches(pattern.split("\\."), 0, name.split("\\."), 0),
                AddressPattern.compile(pattern).matches(name),
                () -> "'" + pattern + "' against '" + name + "'");
        }
    }

    @Test
    void shouldKeepSourcePattern()
    {
        final AddressPattern pattern = AddressPattern.compile("orders.#.#.placed");

        assertEquals("orders.#.#.placed", pattern.pattern());
        assertEquals("orders.#.#.placed", pattern.toString());
    }

    @Test
    void shouldBeEqualWhenSourcePatternsAre()
    {
        final AddressPattern pattern = AddressPattern.compile("orders.*");

        assertEquals(pattern, AddressPattern.compile("orders.*"));
        assertEquals(pattern.hashCode(), AddressPattern.compile("orders.*").hashCode());
        assertNotEquals(pattern, AddressPattern.compile("orders.#"));
        assertNotEquals(AddressPattern.compile("a.#"), AddressPattern.compile("a.#.#"));
    }

    @Test
    void shouldRejectNullPattern()
    {
        final NullPointerException ex = assertThrows(NullPointerException.class, () -> AddressPattern.compile(null));

        assertEquals("pattern must not be null", ex.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a..b", ".a", "a.", "a*", "#b", "a.b c"})
    void shouldRejectInvalidPatternNamingTheArgument(final String pattern)
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> AddressPattern.compile(pattern));

        assertTrue(ex.getMessage().startsWith("pattern '" + pattern + "' "), ex.getMessage());
    }

    @Test
    void shouldRejectNullName()
    {
        final AddressPattern pattern = AddressPattern.compile("#");
        final NullPointerException ex = assertThrows(NullPointerException.class, () -> pattern.matches(null));

        assertEquals("name must not be null", ex.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.*", "#", "a..b", ""})
    void shouldRejectInvalidNameRatherThanMatchIt(final String name)
    {
        final AddressPattern pattern = AddressPattern.compile("#");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> pattern.matches(name));

        assertTrue(ex.getMessage().startsWith("name '" + name + "' "), ex.getMessage());
    }

    private static String randomAddress(final Random random, final String[] alphabet, final int segmentCount)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < segmentCount; i++)
        {
            if (i > 0)
            {
                sb.append('.');
            }
            sb.append(alphabet[random.nextInt(alphabet.length)]);
        }

        return sb.toString();
    }

    // Plain backtracking straight from the definition: exponential in general, fine for a handful of segments.
    private static boolean referenceMatches(
        final String[] pattern, final int p, final String[] name, final int n)
    {
        if (p == pattern.length)
        {
            return n == name.length;
        }

        if (pattern[p].equals("#"))
        {
            for (int skip = n; skip <= name.length; skip++)
            {
                if (referenceMatches(pattern, p + 1, name, skip))
                {
                    return true;
                }
            }

            return false;
        }

        return n < name.length &&
            (pattern[p].equals("*") || pattern[p].equals(name[n])) &&
            referenceMatches(pattern, p + 1, name, n + 1);
    }
}
