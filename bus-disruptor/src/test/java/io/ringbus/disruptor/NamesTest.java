package io.ringbus.disruptor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NamesTest
{
    private static final String NAME_RULE =
        "names are dot-separated segments of ASCII letters, digits, '_' and '-'";
    private static final String PATTERN_RULE =
        "patterns are dot-separated segments of ASCII letters, digits, '_' and '-', " +
        "or a whole segment '*' (exactly one segment) or '#' (zero or more segments)";
    private static final String WHOLE_SEGMENT_RULE =
        "a wildcard must be a whole segment, '*' for exactly one segment or '#' for zero or more segments";

    @ParameterizedTest
    @ValueSource(strings = {
        "a", "Z", "0", "_", "-", "orders", "orders.eu.placed", "a-b_c.D9.x", "ORDERS.Eu.0.-._", "a.b.c.d.e.f.g.h"})
    void shouldAcceptValidNames(final String name)
    {
        assertSame(name, Names.validateName(name, "topic"));
    }

    @Test
    void shouldAcceptNamesOfMaximumLength()
    {
        final String oneSegment = "a".repeat(Names.MAX_LENGTH);
        final String manySegments = "a.".repeat(Names.MAX_LENGTH / 2) + "a";

        assertEquals(255, oneSegment.length());
        assertEquals(255, manySegments.length());
        assertSame(oneSegment, Names.validateName(oneSegment, "topic"));
        assertSame(manySegments, Names.validateName(manySegments, "topic"));
    }

    @Test
    void shouldRejectNullNameNamingTheArgument()
    {
        final NullPointerException ex =
            assertThrows(NullPointerException.class, () -> Names.validateName(null, "topic"));

        assertEquals("topic must not be null", ex.getMessage());
    }

    @Test
    void shouldRejectEmptyName()
    {
        assertEquals(
            "topic '' is empty: " + NAME_RULE + ", 1 to 255 characters long",
            rejectName(""));
    }

    @Test
    void shouldRejectNameLongerThanMaximumQuotingOnlyItsStart()
    {
        final String name = "a".repeat(256);

        assertEquals(
            "topic '" + "a".repeat(64) + "...' is 256 characters long: at most 255 characters are allowed",
            rejectName(name));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        ".         | starts with a dot",
        ".a        | starts with a dot",
        "..a       | starts with a dot",
        "a.        | ends with a dot",
        "a.b.      | ends with a dot",
        "a..b      | has an empty segment at position 2",
        "a.b..c    | has an empty segment at position 3",
        "a...b     | has an empty segment at position 2",
        "a b       | contains ' ' at index 1",
        "a/b       | contains '/' at index 1",
        "a.b:c     | contains ':' at index 3",
        "a.$       | contains '$' at index 2",
        "orders.eu! | contains '!' at index 9",
        "a+b       | contains '+' at index 1",
        "é         | contains 'é' (U+00E9) at index 0",
        "a.ß       | contains 'ß' (U+00DF) at index 2",
        "a b..c    | contains ' ' at index 1",
    })
    void shouldRejectInvalidNameNamingArgumentValueAndRule(final String name, final String problem)
    {
        assertEquals("topic '" + name + "' " + problem + ": " + NAME_RULE, rejectName(name));
    }

    @Test
    void shouldDescribeInvisibleCharactersByCodePoint()
    {
        assertEquals("topic 'a\tb' contains U+0009 at index 1: " + NAME_RULE, rejectName("a\tb"));
        assertEquals("topic 'a\u0000' contains U+0000 at index 1: " + NAME_RULE, rejectName("a\u0000"));
        assertEquals("topic 'a\u00a0' contains U+00A0 at index 1: " + NAME_RULE, rejectName("a\u00a0"));
        assertEquals("topic '\ud800' contains U+D800 at index 0: " + NAME_RULE, rejectName("\ud800"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "*         | '*' at index 0",
        "#         | '#' at index 0",
        "a.*       | '*' at index 2",
        "orders.#  | '#' at index 7",
        "a.b*      | '*' at index 3",
        "#.placed  | '#' at index 0",
    })
    void shouldRejectWildcardsInNames(final String name, final String found)
    {
        assertEquals(
            "topic '" + name + "' contains " + found + ": wildcards are only allowed in patterns",
            rejectName(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a", "orders.eu.placed", "*", "#", "a.*", "*.a", "a.#", "#.a", "a.#.b", "*.*", "#.#", "#.*.#",
        "a.*.#.c", "a-b_c.*.D9"})
    void shouldAcceptValidPatterns(final String pattern)
    {
        assertSame(pattern, Names.validatePattern(pattern, "pattern"));
    }

    @Test
    void shouldAcceptPatternsOfMaximumLength()
    {
        final String pattern = "#.".repeat(Names.MAX_LENGTH / 2) + "*";

        assertEquals(255, pattern.length());
        assertSame(pattern, Names.validatePattern(pattern, "pattern"));
    }

    @Test
    void shouldRejectNullPatternNamingTheArgument()
    {
        final NullPointerException ex =
            assertThrows(NullPointerException.class, () -> Names.validatePattern(null, "pattern"));

        assertEquals("pattern must not be null", ex.getMessage());
    }

    @Test
    void shouldRejectEmptyAndOverlongPatterns()
    {
        assertEquals(
            "pattern '' is empty: " + PATTERN_RULE + ", 1 to 255 characters long",
            rejectPattern(""));
        assertEquals(
            "pattern '" + "#.".repeat(32) + "...' is 257 characters long: at most 255 characters are allowed",
            rejectPattern("#.".repeat(128) + "*"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "a*        | a*   | 1 | *",
        "*a        | *a   | 1 | *",
        "#b        | #b   | 1 | #",
        "x.#b      | #b   | 2 | #",
        "x.y.b#    | b#   | 3 | #",
        "**        | **   | 1 | *",
        "##        | ##   | 1 | #",
        "*#        | *#   | 1 | *",
        "a.b.c*d.e | c*d  | 3 | *",
        "a.*?      | *?   | 2 | *",
    })
    void shouldRejectWildcardsMixedWithOtherCharacters(
        final String pattern, final String segment, final int position, final char wildcard)
    {
        assertEquals(
            "pattern '" + pattern + "' has segment '" + segment + "' at position " + position + " mixing '" +
            wildcard + "' with other characters: " + WHOLE_SEGMENT_RULE,
            rejectPattern(pattern));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        ".#        | starts with a dot",
        "#.        | ends with a dot",
        "a..*      | has an empty segment at position 2",
        "*.#..a    | has an empty segment at position 3",
        "a?        | contains '?' at index 1",
        "#.a b     | contains ' ' at index 3",
    })
    void shouldRejectInvalidPatternNamingArgumentValueAndRule(final String pattern, final String problem)
    {
        assertEquals("pattern '" + pattern + "' " + problem + ": " + PATTERN_RULE, rejectPattern(pattern));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "#", "a.*", "*.a", "a.#", "#.a", "a.*.b", "a.#.b", "#.#", "a.b.*"})
    void shouldRecognisePatterns(final String address)
    {
        assertTrue(Names.isPattern(address));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "a.b", "orders.eu.placed", "a*", "#a", "a.b*c", "a.*b", "**", "a.##"})
    void shouldNotTakeNamesOrMisplacedWildcardsForPatterns(final String address)
    {
        assertFalse(Names.isPattern(address));
    }

    @Test
    void shouldRejectNullInIsPattern()
    {
        assertThrows(NullPointerException.class, () -> Names.isPattern(null));
    }

    private static String rejectName(final String name)
    {
        return assertThrows(IllegalArgumentException.class, () -> Names.validateName(name, "topic")).getMessage();
    }

    private static String rejectPattern(final String pattern)
    {
        return assertThrows(IllegalArgumentException.class, () -> Names.validatePattern(pattern, "pattern"))
            .getMessage();
    }
}
