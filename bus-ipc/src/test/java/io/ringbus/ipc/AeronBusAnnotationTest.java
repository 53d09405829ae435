package io.ringbus.ipc;

import io.ringbus.api.Await;
import io.ringbus.api.DestinationStats;
import io.ringbus.api.Queue;
import io.ringbus.api.Registration;
import io.ringbus.api.Topic;
import io.ringbus.api.annotation.Consume;
import io.ringbus.api.annotation.Subscribe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code register} on an {@link AeronBus} binds as the in-process bus does, through the same binder: a generic
 * listener interface implemented for a concrete type binds to that type on shared destinations, once, and never
 * through the compiler's erased bridge method.
 */
class AeronBusAnnotationTest
{
    record Price(String symbol, double bid)
    {
    }

    record Name(String text)
    {
    }

    interface Worker<E>
    {
        @Consume(queue = "prices.work")
        void on(E event);
    }

    interface Watcher<E>
    {
        @Subscribe(topic = "quotes.eurusd")
        void seen(E event);
    }

    /**
     * {@code on(Price)} and {@code seen(Price)} implement {@code on(E)} and {@code seen(E)}: javac adds the bridges
     * {@code on(Object)} and {@code seen(Object)}, which carry no annotation of their own.
     */
    static final class PriceDesk implements Worker<Price>, Watcher<Price>
    {
        final List<Price> worked = new CopyOnWriteArrayList<>();
        final List<Price> seen = new CopyOnWriteArrayList<>();

        @Override
        public void on(final Price price)
        {
            worked.add(price);
        }

        @Override
        public void seen(final Price price)
        {
            seen.add(price);
        }
    }

    private final Path base = TestDirs.newBase();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private AeronBus bus;

    @AfterEach
    void stop()
    {
        try
        {
            if (bus != null)
            {
                bus.close();
            }
        }
        finally
        {
            TestDirs.delete(base);
        }
    }

    @Test
    void genericListenerImplementedForPriceBindsToPriceOnSharedQueueAndTopicOnce() throws Exception
    {
        bus = AeronBus.builder().shareAll().embeddedDriver(base)
            .errorHandler((cause, destination, event, handler) -> failures.add(cause))
            .build();
        final PriceDesk desk = new PriceDesk();
        final Registration registration = bus.register(desk);

        // Bound to Object, the queue would have been declared for Object and refuse Price here.
        final Queue<Price> work = bus.queue("prices.work", Price.class);
        assertTrue(bus.isShared("prices.work"));
        // Bound to Object, the exact-name subscription would accept a topic of any type under that name.
        final IllegalArgumentException wrongType =
            assertThrows(IllegalArgumentException.class, () -> bus.topic("quotes.eurusd", Name.class));
        assertTrue(wrongType.getMessage().contains(Price.class.getName()), wrongType.getMessage());
        final Topic<Price> quotes = bus.topic("quotes.eurusd", Price.class);

        // One consumer and one subscriber: the bridges were not bound beside the methods they forward to.
        assertEquals(1, stats("prices.work", DestinationStats.Kind.QUEUE).subscribers());
        assertEquals(1, stats("quotes.eurusd", DestinationStats.Kind.TOPIC).subscribers());

        final Price eurusd = new Price("EURUSD", 1.0842);
        work.send(eurusd);
        quotes.publish(eurusd);
        Await.until("the message is worked and the quote seen", () -> desk.worked.size() == 1 && desk.seen.size() == 1);
        assertEquals(List.of(eurusd), desk.worked);
        assertEquals(List.of(eurusd), desk.seen);
        assertEquals(List.of(), failures);

        registration.close();
        assertEquals(0, stats("prices.work", DestinationStats.Kind.QUEUE).subscribers());
        assertEquals(0, stats("quotes.eurusd", DestinationStats.Kind.TOPIC).subscribers());
    }

    private DestinationStats stats(final String name, final DestinationStats.Kind kind)
    {
        return bus.stats().destinations().stream()
            .filter(d -> d.name().equals(name) && d.kind() == kind)
            .findFirst()
            .orElseThrow(() -> new AssertionError(kind + " '" + name + "' not in " + bus.stats()));
    }
}
