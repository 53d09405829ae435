package io.ringbus.ipc;

import io.ringbus.api.Await;
import io.ringbus.api.DestinationStats;
import io.ringbus.api.SubscribeOptions;
import io.ringbus.api.Subscription;
import io.ringbus.api.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link AeronBusBuilder#receiverDispatch(boolean)}: shared topics' handlers run on the receiver thread, with
 * local and remote events in one order, never concurrently, failures reported and counted, and close keeping
 * the engine's promises (a call under way finishes before close returns; accepted events are delivered).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReceiverDispatchTest
{
    private final Path base = TestDirs.newBase();
    private final List<AeronBus> open = new ArrayList<>();

    @AfterEach
    void stop()
    {
        for (int i = open.size() - 1; i >= 0; i--)
        {
            open.get(i).close();
        }
        TestDirs.delete(base);
    }

    private AeronBus bus(final AeronBusBuilder builder)
    {
        final AeronBus bus = builder.shareAll().embeddedDriver(base).build();
        open.add(bus);
        return bus;
    }

    @Test
    void localAndRemoteEventsReachHandlersOnTheReceiverThreadInOneOrderWithoutOverlap()
    {
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        final AeronBus here = bus(AeronBus.builder().receiverDispatch(true)
            .errorHandler((cause, destination, event, handler) -> errors.add(cause)));
        final AeronBus there = bus(AeronBus.builder());
        final Topic<Long> numbers = here.topic("numbers", Long.class);
        final Topic<Long> remote = there.topic("numbers", Long.class);
        final List<Long> first = new CopyOnWriteArrayList<>();
        final List<Long> second = new CopyOnWriteArrayList<>();
        final AtomicInteger inside = new AtomicInteger();
        final AtomicBoolean overlapped = new AtomicBoolean();
        final AtomicReference<String> thread = new AtomicReference<>();
        numbers.subscribe(v ->
        {
            overlapped.compareAndSet(false, inside.incrementAndGet() != 1);
            thread.compareAndSet(null, Thread.currentThread().getName());
            first.add(v);
            inside.decrementAndGet();
            if (v == 13)
            {
                throw new IllegalStateException("unlucky");
            }
        });
        numbers.subscribe(second::add);
        Await.until("peers", () -> here.ipcStats().peers() == 1 && there.ipcStats().peers() == 1);

        final int each = 2_000;
        final Thread other = new Thread(() ->
        {
            for (long i = 0; i < each; i++)
            {
                remote.publish(-i - 1);
            }
        });
        other.start();
        for (long i = 0; i < each; i++)
        {
            numbers.publish(i);
        }
        Await.until("all events handled", () -> first.size() == 2 * each && second.size() == 2 * each);
        Await.until("the publisher thread ends", () -> !other.isAlive());

        assertEquals("ringbus-ipc-" + Long.toHexString(here.nodeId()), thread.get());
        assertFalse(overlapped.get(), "a handler ran concurrently with itself");
        assertEquals(first, second, "both handlers see one order");
        assertInOrder(first, true);
        assertInOrder(first, false);
        Await.until("the failure reported", () -> errors.size() == 1);
        final DestinationStats stats = here.stats().destinations().stream()
            .filter(d -> d.name().equals("numbers")).findFirst().orElseThrow();
        assertEquals(2L * each, stats.published(), stats.toString());
        assertEquals(4L * each - 1, stats.delivered(), stats.toString());
        assertEquals(1, stats.failures(), stats.toString());
        assertEquals(2, stats.subscribers(), stats.toString());
    }

    private static void assertInOrder(final List<Long> seen, final boolean local)
    {
        long last = local ? -1 : 0;
        for (final long v : seen)
        {
            if (local && v >= 0)
            {
                assertTrue(v == last + 1, "local events out of order at " + v + " after " + last);
                last = v;
            }
            else if (!local && v < 0)
            {
                assertTrue(v == last - 1, "remote events out of order at " + v + " after " + last);
                last = v;
            }
        }
    }

    @Test
    void closingASubscriptionWaitsForTheCallUnderWay() throws Exception
    {
        final AeronBus bus = bus(AeronBus.builder().receiverDispatch(true));
        final Topic<Long> numbers = bus.topic("numbers", Long.class);
        final CountDownLatch entered = new CountDownLatch(1);
        final AtomicBoolean finished = new AtomicBoolean();
        final AtomicInteger calls = new AtomicInteger();
        final Subscription sub = numbers.subscribe(v ->
        {
            calls.incrementAndGet();
            entered.countDown();
            Thread.sleep(300);
            finished.set(true);
        });
        numbers.publish(1L);
        assertTrue(entered.await(30, TimeUnit.SECONDS));
        sub.close();
        assertTrue(finished.get(), "close returned while the handler was still running");
        assertFalse(sub.isActive());
        numbers.publish(2L);
        final List<Long> after = new CopyOnWriteArrayList<>();
        numbers.subscribe(after::add); // may see 2 as well: it is read back after this subscribe, or before
        numbers.publish(3L);
        Await.until("the new subscriber got its event", () -> after.contains(3L));
        assertEquals(1, calls.get(), "the closed handler was called again");
    }

    @Test
    void closeDeliversWhatWasAcceptedAndOptionsNeedingTheRingAreRefused()
    {
        final AeronBus bus = AeronBus.builder().receiverDispatch(true).shareAll().embeddedDriver(base).build();
        final AtomicInteger seen = new AtomicInteger();
        final Topic<Long> numbers;
        try
        {
            numbers = bus.topic("numbers", Long.class);
            numbers.subscribe(v -> seen.incrementAndGet());
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> numbers.subscribe(v -> { }, SubscribeOptions.defaults().dedicatedThread(true)));
            assertTrue(ex.getMessage().contains("receiverDispatch"), ex.getMessage());
            for (long i = 0; i < 5_000; i++)
            {
                numbers.publish(i);
            }
        }
        finally
        {
            bus.close();
        }
        assertEquals(5_000, seen.get(), "close returned before every accepted event was handled");
        assertThrows(IllegalArgumentException.class, () -> AeronBus.builder().receiverDispatch(true)
            .channels("aeron:udp?endpoint=localhost:40123", "aeron:udp?endpoint=localhost:40124").build());
    }
}
