package io.ringbus.disruptor;

import io.ringbus.Ringbus;
import io.ringbus.api.Await;
import io.ringbus.api.BiTranslator;
import io.ringbus.api.Bus;
import io.ringbus.api.Queue;
import io.ringbus.api.SubscribeOptions;
import io.ringbus.api.Subscription;
import io.ringbus.api.Topic;
import io.ringbus.api.Translator;
import io.ringbus.api.annotation.Subscribe;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publish and dispatch allocate nothing once warm: counted in bytes by the JVM, per thread, on both the
 * publishing thread and the dispatcher thread. An exact property, not a timing; the JMH {@code -prof gc} runs
 * of the bench module report the same thing per operation.
 */
class AllocationTest
{
    private static final int WARM_UP = 50_000;
    private static final int MEASURED = 100_000;
    private static final int ROUNDS = 3;
    /** Slack for the waiting helper's own few objects per round: far below 1 byte per event. */
    private static final long SLACK_BYTES = 4096;

    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    /** An event reused for every publish: the test measures the bus, not the caller's allocations. */
    private static final Object EVENT = new Object();

    static final class Counting
    {
        final AtomicLong count = new AtomicLong();

        @Subscribe
        void on(final Object event)
        {
            count.lazySet(count.get() + 1);
        }
    }

    @Test
    void topicPublishAndDispatch()
    {
        try (Bus bus = Ringbus.builder().dispatcherThreads(1).build())
        {
            final Topic<Object> topic = bus.topic("alloc.topic", Object.class);
            final AtomicLong handled = new AtomicLong();
            topic.subscribe(e -> handled.lazySet(handled.get() + 1));
            assertNoAllocation("topic", topic::publish, handled, dispatcherOf(bus));
        }
    }

    /** A preallocated event of a slot-mode topic. */
    static final class MutableEvent
    {
        Object payload;
        long stamp;
    }

    private static final Translator<MutableEvent, Object> FILL = (slot, payload) -> slot.payload = payload;
    private static final BiTranslator<MutableEvent, Object, Object> FILL_TWO = (slot, payload, other) ->
    {
        slot.payload = payload;
        slot.stamp = 0;
    };

    @Test
    void slotModePublishThroughATranslatorAndDispatch()
    {
        try (Bus bus = Ringbus.builder().dispatcherThreads(1).build())
        {
            final Topic<MutableEvent> topic = bus.topic("alloc.slots", MutableEvent.class, MutableEvent::new);
            final AtomicLong handled = new AtomicLong();
            topic.subscribe(e -> handled.lazySet(handled.get() + 1));
            assertNoAllocation("slot mode", e -> topic.publish(FILL, e), handled, dispatcherOf(bus));
        }
    }

    @Test
    void slotModeTwoStagePipelineWithATwoArgumentTranslator()
    {
        try (Bus bus = Ringbus.builder().dispatcherThreads(1).build())
        {
            final Topic<MutableEvent> topic = bus.topic("alloc.pipeline", MutableEvent.class, MutableEvent::new);
            final Subscription journal = topic.subscribe(e -> e.stamp = 1);
            final AtomicLong handled = new AtomicLong();
            topic.subscribe(e -> handled.lazySet(handled.get() + e.stamp), SubscribeOptions.defaults().after(journal));
            assertNoAllocation("slot pipeline", e -> topic.publish(FILL_TWO, e, e), handled, dispatcherOf(bus));
        }
    }

    @Test
    void queueSendAndConsume()
    {
        try (Bus bus = Ringbus.builder().dispatcherThreads(1).build())
        {
            final Queue<Object> queue = bus.queue("alloc.queue", Object.class);
            final AtomicLong handled = new AtomicLong();
            queue.consume(e -> handled.lazySet(handled.get() + 1));
            assertNoAllocation("queue", queue::send, handled, dispatcherOf(bus));
        }
    }

    @Test
    void typeAddressedPublishToAnAnnotatedListener()
    {
        try (Bus bus = Ringbus.builder().dispatcherThreads(1).build())
        {
            final Counting listener = new Counting();
            bus.register(listener);
            assertNoAllocation("annotated", bus::publish, listener.count, dispatcherOf(bus));
        }
    }

    /**
     * The one shared dispatcher thread of this bus, found by asking it (a probe subscribed by type), not by name.
     */
    private static Thread dispatcherOf(final Bus bus)
    {
        final AtomicReference<Thread> thread = new AtomicReference<>();
        try (Subscription probe = bus.subscribe(Marker.class, m -> thread.set(Thread.currentThread())))
        {
            bus.publish(new Marker());
            Await.until("the probe ran", () -> thread.get() != null);
        }
        return thread.get();
    }

    record Marker()
    {
    }

    private static void assertNoAllocation(
        final String what, final Consumer<Object> publish, final AtomicLong handled, final Thread dispatcher)
    {
        run(publish, WARM_UP, handled);
        // The least of a few rounds: a real per-event allocation shows in every round (megabytes), while the
        // JVM's occasional bookkeeping in one round does not make the hot path guilty.
        long publisherBytes = Long.MAX_VALUE;
        long dispatcherBytes = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++)
        {
            final long dispatcherBefore = THREADS.getThreadAllocatedBytes(dispatcher.getId());
            final long publisherBefore = THREADS.getCurrentThreadAllocatedBytes();
            run(publish, MEASURED, handled);
            publisherBytes = Math.min(publisherBytes, THREADS.getCurrentThreadAllocatedBytes() - publisherBefore);
            dispatcherBytes = Math.min(
                dispatcherBytes, THREADS.getThreadAllocatedBytes(dispatcher.getId()) - dispatcherBefore);
        }
        System.out.printf("%s: %d events, publisher allocated %d bytes, dispatcher %d bytes%n",
            what, MEASURED, publisherBytes, dispatcherBytes);
        assertTrue(publisherBytes < SLACK_BYTES,
            what + ": publisher allocated " + publisherBytes + " bytes for " + MEASURED + " publishes");
        assertTrue(dispatcherBytes < SLACK_BYTES,
            what + ": dispatcher allocated " + dispatcherBytes + " bytes for " + MEASURED + " deliveries");
    }

    /**
     * Publish {@code count} events and wait for them, without allocating in the loop itself.
     */
    private static void run(final Consumer<Object> publish, final int count, final AtomicLong handled)
    {
        final long target = handled.get() + count;
        for (int i = 0; i < count; i++)
        {
            publish.accept(EVENT);
        }
        Await.until("all events handled", () -> handled.get() >= target);
    }
}
