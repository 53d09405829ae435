package io.ringbus.ipc;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AeronBusBuilderTest
{
    private static void refused(final String expected, final AeronBusBuilder builder)
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

    @Test
    void malformedIpcSystemPropertiesAreRefusedNamingThePropertyAndTheValue()
    {
        refusedProperty(AeronBus.TERM_LENGTH_PROP_NAME, "1m", "must be an integer");
        refusedProperty(AeronBus.STREAM_ID_PROP_NAME, "0x5242", "must be an integer");
        refusedProperty(AeronBus.PEER_TIMEOUT_PROP_NAME, "5s", "must be an integer");
        // Boolean.getBoolean read "yes" as false without a word; the strict reader refuses it.
        refusedProperty(AeronBus.RECEIVER_DISPATCH_PROP_NAME, "yes", "must be true or false");
        refusedProperty(AeronBus.CHANNEL_PROP_NAME, " ", "must not be blank");
        refusedProperty("ringbus.closeTimeoutMs", "ten", "must be an integer");
    }

    @Test
    void wellFormedIpcPropertyOutOfRangeIsRefusedAtBuildWithTheSettersRule()
    {
        System.setProperty(AeronBus.TERM_LENGTH_PROP_NAME, "1000");
        try
        {
            refused("termLength must be a power of two", AeronBus.builder());
        }
        finally
        {
            System.clearProperty(AeronBus.TERM_LENGTH_PROP_NAME);
        }
    }

    @Test
    void inProcessSettingsAreTheInProcessBuildersAndValidatedByItsRules()
    {
        // validated by Ringbus.Builder's settings before any driver is joined
        refused("ringSize must be a power of two", AeronBus.builder().ringSize(1000));
        refused("dispatcherThreads", AeronBus.builder().dispatcherThreads(0));
        refused("closeTimeout must be positive", AeronBus.builder().closeTimeout(Duration.ZERO));
        // timer tick and clock are no longer missing from the IPC builder
        refused("timerTick", AeronBus.builder().timerTick(Duration.ofNanos(10)));
        assertThrows(NullPointerException.class, () -> AeronBus.builder().clock(null));
    }

    private static void refusedProperty(final String name, final String value, final String rule)
    {
        System.setProperty(name, value);
        try
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, AeronBus::builder);
            assertTrue(ex.getMessage().contains("system property " + name + " "), ex.getMessage());
            assertTrue(ex.getMessage().contains(rule), ex.getMessage());
            assertTrue(value.isBlank() || ex.getMessage().contains(value), ex.getMessage());
        }
        finally
        {
            System.clearProperty(name);
        }
    }
}
