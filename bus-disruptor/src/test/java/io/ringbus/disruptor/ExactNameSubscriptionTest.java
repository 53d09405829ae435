package io.ringbus.disruptor;

import io.ringbus.Ringbus;
import io.ringbus.api.Await;
import io.ringbus.api.Bus;
import io.ringbus.api.Subscription;
import io.ringbus.api.Topic;
import io.ringbus.api.annotation.Subscribe;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A subscription by a name without wildcards names one topic: a type that can never match it is refused, at
 * subscribe or register time or at the later declaration, naming both types; patterns keep attaching to the
 * matching types only.
 */
class ExactNameSubscriptionTest
{
    record Price(String pair, double value)
    {
    }

    static final class StringListener
    {
        @Subscribe(topic = "prices.eurusd")
        void on(final String s)
        {
        }
    }

    private static void assertNames(final IllegalArgumentException ex, final String... parts)
    {
        for (final String part : parts)
        {
            assertTrue(ex.getMessage().contains(part), "'" + part + "' missing from: " + ex.getMessage());
        }
    }

    @Test
    void aSubscriptionOfAnotherTypeToAnExistingTopicIsRefused()
    {
        try (Bus bus = Ringbus.create())
        {
            bus.topic("prices.eurusd", Price.class);
            assertNames(assertThrows(IllegalArgumentException.class,
                () -> bus.subscribe("prices.eurusd", String.class, s -> { })),
                "prices.eurusd", Price.class.getName(), String.class.getName());
            assertNames(assertThrows(IllegalArgumentException.class, () -> bus.register(new StringListener())),
                "prices.eurusd", Price.class.getName(), String.class.getName());
        }
    }

    @Test
    void aLaterDeclarationOfAnotherTypeIsRefusedUntilTheSubscriptionCloses()
    {
        try (Bus bus = Ringbus.create())
        {
            final Subscription early = bus.subscribe("fx.gbpusd", String.class, s -> { });
            assertNames(assertThrows(IllegalArgumentException.class, () -> bus.topic("fx.gbpusd", Price.class)),
                "fx.gbpusd", Price.class.getName(), String.class.getName());
            assertNames(assertThrows(IllegalArgumentException.class, () -> bus.queue("fx.gbpusd", String.class)),
                "fx.gbpusd", "queue");
            early.close();
            assertEquals("fx.gbpusd", bus.topic("fx.gbpusd", Price.class).name());
        }
    }

    @Test
    void anExactSubscriptionToAQueueIsRefused()
    {
        try (Bus bus = Ringbus.create())
        {
            bus.queue("jobs", String.class);
            assertNames(assertThrows(IllegalArgumentException.class, () -> bus.subscribe("jobs", String.class, s -> { })),
                "jobs", "queue");
        }
    }

    @Test
    void aSupertypeIsAcceptedAndDeliveredAndPatternsStillPickMatchingTypes()
    {
        try (Bus bus = Ringbus.create())
        {
            final List<Object> exact = new CopyOnWriteArrayList<>();
            final List<String> pattern = new CopyOnWriteArrayList<>();
            bus.subscribe("prices.eurusd", Object.class, exact::add);
            bus.subscribe("prices.*", String.class, pattern::add); // a pattern: attaches to String topics only
            final Topic<Price> prices = bus.topic("prices.eurusd", Price.class);
            bus.topic("prices.names", String.class).publish("EURUSD");
            prices.publish(new Price("EURUSD", 1.0842));
            Await.until("both delivered", () -> exact.size() == 1 && pattern.size() == 1);
            assertEquals(List.of(new Price("EURUSD", 1.0842)), exact);
            assertEquals(List.of("EURUSD"), pattern);
        }
    }
}
