package io.ringbus.disruptor;

import io.ringbus.Ringbus;
import io.ringbus.api.Await;
import io.ringbus.api.BiTranslator;
import io.ringbus.api.Bus;
import io.ringbus.api.Claim;
import io.ringbus.api.LongTranslator;
import io.ringbus.api.Queue;
import io.ringbus.api.ReplyCallback;
import io.ringbus.api.SubscribeOptions;
import io.ringbus.api.Subscription;
import io.ringbus.api.Topic;
import io.ringbus.api.TopicOptions;
import io.ringbus.api.Translator;
import io.ringbus.api.annotation.Subscribe;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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

    private static final LongTranslator<MutableEvent> STAMP = (slot, value) -> slot.stamp = value;

    @Test
    void singleWriterSlotModePublishOfALongAndDispatch()
    {
        try (Bus bus = Ringbus.builder().dispatcherThreads(1).build())
        {
            final Topic<MutableEvent> topic = bus.topic("alloc.sw", MutableEvent.class, MutableEvent::new, null,
                TopicOptions.defaults().singleWriter(true));
            final AtomicLong handled = new AtomicLong();
            topic.subscribe(e -> handled.lazySet(handled.get() + 1));
            final long[] value = new long[1];
            assertNoAllocation("single-writer long", e -> topic.publish(STAMP, value[0]++), handled,
                dispatcherOf(bus));
        }
    }

    @Test
    void claimWriteAndPublishOnAMultiWriterSlotTopic()
    {
        try (Bus bus = Ringbus.builder().dispatcherThreads(1).build())
        {
            final Topic<MutableEvent> topic = bus.topic("alloc.claim", MutableEvent.class, MutableEvent::new);
            final AtomicLong handled = new AtomicLong();
            topic.subscribe(e -> handled.lazySet(handled.get() + 1));
            assertNoAllocation("claim", e ->
            {
                try (Claim<MutableEvent> claim = topic.claim())
                {
                    claim.event().payload = e;
                    claim.publish();
                }
            }, handled, dispatcherOf(bus));
        }
    }

    @Test
    void singleWriterObjectModeBatchPublishAndDispatch()
    {
        try (Bus bus = Ringbus.builder().dispatcherThreads(1).build())
        {
            final Topic<Object> topic = bus.topic("alloc.batch", Object.class, TopicOptions.defaults().singleWriter(true));
            final AtomicLong handled = new AtomicLong();
            topic.subscribe(e -> handled.lazySet(handled.get() + 1));
            final Object[] run = new Object[1];
            assertNoAllocation("batch", e ->
            {
                run[0] = e;
                topic.publish(run, 0, 1);
            }, handled, dispatcherOf(bus));
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

    @Test
    void queueSendWithPriorityAndConsume()
    {
        try (Bus bus = Ringbus.builder().dispatcherThreads(1).build())
        {
            final Queue<Object> queue = bus.queue("alloc.priority", Object.class);
            final AtomicLong handled = new AtomicLong();
            queue.consume(e -> handled.lazySet(handled.get() + 1));
            final long[] sent = new long[1];
            assertNoAllocation("priority", e -> queue.send(e, (int)(sent[0]++ & 7)), handled, dispatcherOf(bus));
        }
    }

    /**
     * A request/reply round trip with a callback: nothing allocated by the requester, the responder's dispatcher
     * or the timer thread that holds the timeouts, once the correlation entries are pooled.
     */
    @Test
    void requestReplyWithACallback()
    {
        final Duration timeout = Duration.ofSeconds(30);
        try (Bus bus = Ringbus.builder().dispatcherThreads(1).build())
        {
            bus.respond("alloc.rr", Object.class, q -> q);
            final AtomicLong replies = new AtomicLong();
            final AtomicLong failures = new AtomicLong();
            final ReplyCallback<Object> callback = (reply, failure) ->
            {
                if (failure == null)
                {
                    replies.lazySet(replies.get() + 1);
                }
                else
                {
                    failures.incrementAndGet();
                }
            };
            final Thread dispatcher = dispatcherOf(bus);
            final Consumer<Object> request = e -> bus.request("alloc.rr", e, Object.class, timeout, callback);
            run(request, WARM_UP, replies);
            final Thread timer = threadNamed("ringbus-timer");
            assertNotNull(timer, "no timer thread");
            assertNoAllocation("request/reply", request, replies, List.of(dispatcher, timer));
            assertEquals(0, failures.get());
        }
    }

    private static Thread threadNamed(final String name)
    {
        for (final Thread t : Thread.getAllStackTraces().keySet())
        {
            if (t.isAlive() && t.getName().equals(name))
            {
                return t;
            }
        }
        return null;
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
        assertNoAllocation(what, publish, handled, List.of(dispatcher));
    }

    private static void assertNoAllocation(
        final String what, final Consumer<Object> publish, final AtomicLong handled, final List<Thread> busThreads)
    {
        run(publish, WARM_UP, handled);
        // The least of a few rounds: a real per-event allocation shows in every round (megabytes), while the
        // JVM's occasional bookkeeping in one round does not make the hot path guilty.
        long publisherBytes = Long.MAX_VALUE;
        final long[] busBytes = new long[busThreads.size()];
        java.util.Arrays.fill(busBytes, Long.MAX_VALUE);
        final long[] before = new long[busThreads.size()];
        for (int round = 0; round < ROUNDS; round++)
        {
            for (int i = 0; i < before.length; i++)
            {
                before[i] = THREADS.getThreadAllocatedBytes(busThreads.get(i).getId());
            }
            final long publisherBefore = THREADS.getCurrentThreadAllocatedBytes();
            run(publish, MEASURED, handled);
            publisherBytes = Math.min(publisherBytes, THREADS.getCurrentThreadAllocatedBytes() - publisherBefore);
            for (int i = 0; i < before.length; i++)
            {
                busBytes[i] = Math.min(busBytes[i], THREADS.getThreadAllocatedBytes(busThreads.get(i).getId()) - before[i]);
            }
        }
        final StringBuilder threads = new StringBuilder();
        for (int i = 0; i < busBytes.length; i++)
        {
            threads.append(", ").append(busThreads.get(i).getName()).append(' ').append(busBytes[i]).append(" bytes");
        }
        System.out.printf("%s: %d events, publisher allocated %d bytes%s%n", what, MEASURED, publisherBytes, threads);
        assertTrue(publisherBytes < SLACK_BYTES,
            what + ": publisher allocated " + publisherBytes + " bytes for " + MEASURED + " publishes");
        for (int i = 0; i < busBytes.length; i++)
        {
            assertTrue(busBytes[i] < SLACK_BYTES, what + ": " + busThreads.get(i).getName() + " allocated " +
                busBytes[i] + " bytes for " + MEASURED + " events");
        }
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
