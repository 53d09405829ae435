package io.ringbus.support;

import io.ringbus.api.IdleStrategyKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SystemPropertiesTest
{
    private static final String NAME = "ringbus.test.systemPropertiesTest";

    @AfterEach
    void clear()
    {
        System.clearProperty(NAME);
    }

    @Test
    void absentPropertyIsTheFallback()
    {
        assertEquals(7, SystemProperties.intValue(NAME, 7));
        assertEquals(7L, SystemProperties.longValue(NAME, 7L));
        assertTrue(SystemProperties.booleanValue(NAME, true));
        assertEquals(IdleStrategyKind.YIELDING, SystemProperties.enumValue(NAME, IdleStrategyKind.class,
            IdleStrategyKind.YIELDING));
        assertNull(SystemProperties.stringValue(NAME, null));
    }

    @Test
    void wellFormedValuesAreTrimmedAndCaseInsensitiveWhereThatIsUnambiguous()
    {
        System.setProperty(NAME, " 42 ");
        assertEquals(42, SystemProperties.intValue(NAME, 0));
        assertEquals(42L, SystemProperties.longValue(NAME, 0));
        assertEquals("42", SystemProperties.stringValue(NAME, "x"));
        System.setProperty(NAME, "False");
        assertFalse(SystemProperties.booleanValue(NAME, true));
        System.setProperty(NAME, "busy_spin");
        assertEquals(IdleStrategyKind.BUSY_SPIN,
            SystemProperties.enumValue(NAME, IdleStrategyKind.class, IdleStrategyKind.BACKOFF));
    }

    @Test
    void malformedValueIsAnErrorNamingThePropertyTheValueAndWhatIsAllowed()
    {
        refused("1e3", () -> SystemProperties.intValue(NAME, 0), "must be an integer");
        refused("4294967296", () -> SystemProperties.intValue(NAME, 0), "must be an integer (32 bits)");
        refused("10ms", () -> SystemProperties.longValue(NAME, 0), "must be an integer");
        refused("yes", () -> SystemProperties.booleanValue(NAME, false), "must be true or false");
        refused("FAST", () -> SystemProperties.enumValue(NAME, IdleStrategyKind.class, IdleStrategyKind.BACKOFF),
            "must be one of [BUSY_SPIN, YIELDING, BACKOFF]");
        refused("  ", () -> SystemProperties.stringValue(NAME, "default"), "must not be blank");
    }

    private static void refused(final String value, final Runnable read, final String rule)
    {
        System.setProperty(NAME, value);
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, read::run);
        assertTrue(ex.getMessage().startsWith("system property " + NAME + " " + rule), ex.getMessage());
        assertTrue(value.isBlank() || ex.getMessage().endsWith(": " + value), ex.getMessage());
    }
}
