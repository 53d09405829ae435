package io.ringbus.ipc;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AeronBusBuilderTest
{
    private static void refused(final String expected, final AeronBus.Builder builder)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
    }

    @Test
    void invalidSettingsAreRefusedNamingTheSetting()
    {
        refused("termLength", AeronBus.builder().termLength(1000));
        refused("termLength", AeronBus.builder().termLength(1 << 15));
        refused("maxFrameLength", AeronBus.builder().maxFrameLength(10));
        refused("peerTimeout", AeronBus.builder().peerTimeout(Duration.ofMillis(5)));
        refused("driverTimeout", AeronBus.builder().driverTimeout(Duration.ofMillis(5)));
        assertThrows(IllegalArgumentException.class, () -> AeronBus.builder().share("bad name"));
        assertThrows(IllegalArgumentException.class, () -> AeronBus.builder().sharePrefix(""));
        assertThrows(NullPointerException.class, () -> AeronBus.builder().codec(null));
    }

    @Test
    void malformedSystemPropertyIsNamed()
    {
        System.setProperty("ringbus.idle", "SLOW");
        try
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, AeronBus::builder);
            assertTrue(ex.getMessage().contains("ringbus.idle"), ex.getMessage());
        }
        finally
        {
            System.clearProperty("ringbus.idle");
        }
    }
}
