package io.ringbus.disruptor;

import io.ringbus.Ringbus;
import io.ringbus.api.BackpressurePolicy;
import io.ringbus.api.Bus;
import io.ringbus.api.IdleStrategyKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RingbusBuilderTest
{
    @Test
    void defaultsAreTheNamedConstants()
    {
        try (Bus bus = Ringbus.create())
        {
            final BusConfig config = ((DisruptorBus)bus).config();
            assertEquals(Ringbus.RING_SIZE_DEFAULT, config.ringSize());
            assertEquals(IdleStrategyKind.BACKOFF, config.idleStrategy());
            assertEquals(Ringbus.DISPATCHER_THREADS_DEFAULT, config.dispatcherThreads());
            assertEquals(BackpressurePolicy.WAIT, config.backpressure());
            assertEquals(Ringbus.CLOSE_TIMEOUT_DEFAULT, config.closeTimeout());
        }
    }

    @Test
    void systemPropertiesSetTheDefaultsAndBuilderMethodsOverrideThem()
    {
        System.setProperty(Ringbus.RING_SIZE_PROP_NAME, "256");
        System.setProperty(Ringbus.IDLE_PROP_NAME, "yielding");
        System.setProperty(Ringbus.BACKPRESSURE_PROP_NAME, "FAIL");
        try
        {
            try (Bus bus = Ringbus.builder().dispatcherThreads(1).build())
            {
                final BusConfig config = ((DisruptorBus)bus).config();
                assertEquals(256, config.ringSize());
                assertEquals(IdleStrategyKind.YIELDING, config.idleStrategy());
                assertEquals(BackpressurePolicy.FAIL, config.backpressure());
            }
            try (Bus bus = Ringbus.builder().ringSize(128).dispatcherThreads(1).build())
            {
                assertEquals(128, ((DisruptorBus)bus).config().ringSize());
            }
            System.setProperty(Ringbus.IDLE_PROP_NAME, "sometimes");
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, Ringbus::builder);
            assertTrue(ex.getMessage().contains(Ringbus.IDLE_PROP_NAME), ex.getMessage());
            System.clearProperty(Ringbus.IDLE_PROP_NAME);
            System.setProperty(Ringbus.RING_SIZE_PROP_NAME, "abc");
            final IllegalArgumentException number = assertThrows(IllegalArgumentException.class, Ringbus::builder);
            assertTrue(number.getMessage().contains(Ringbus.RING_SIZE_PROP_NAME), number.getMessage());
        }
        finally
        {
            System.clearProperty(Ringbus.RING_SIZE_PROP_NAME);
            System.clearProperty(Ringbus.IDLE_PROP_NAME);
            System.clearProperty(Ringbus.BACKPRESSURE_PROP_NAME);
        }
    }

    @Test
    void invalidSettingsAreRefusedAtBuildNamingTheSetting()
    {
        assertMessage("ringSize", () -> Ringbus.builder().ringSize(1000).build());
        assertMessage("ringSize", () -> Ringbus.builder().ringSize(0).build());
        assertMessage("dispatcherThreads", () -> Ringbus.builder().dispatcherThreads(0).build());
        assertMessage("closeTimeout", () -> Ringbus.builder().closeTimeout(Duration.ZERO).build());
        assertEquals("idle",
            assertThrows(NullPointerException.class, () -> Ringbus.builder().idle(null)).getMessage());
        assertEquals("errorHandler",
            assertThrows(NullPointerException.class, () -> Ringbus.builder().errorHandler(null)).getMessage());
    }

    private static void assertMessage(final String setting, final org.junit.jupiter.api.function.Executable build)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, build);
        assertTrue(ex.getMessage().startsWith(setting), ex.getMessage());
    }
}
