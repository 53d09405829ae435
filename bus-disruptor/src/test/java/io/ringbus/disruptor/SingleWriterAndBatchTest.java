package io.ringbus.disruptor;

import io.ringbus.Ringbus;
import io.ringbus.api.Await;
import io.ringbus.api.Bus;
import io.ringbus.api.BusClosedException;
import io.ringbus.api.Claim;
import io.ringbus.api.DestinationStats;
import io.ringbus.api.LongTranslator;
import io.ringbus.api.SubscribeOptions;
import io.ringbus.api.Topic;
import io.ringbus.api.TopicOptions;
import io.ringbus.api.Translator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Single-writer topics (a single-producer ring), batch publish and the {@code long} translator: what they
 * deliver, what they refuse, and how they meet close.
 */
class SingleWriterAndBatchTest
{
    private static final TopicOptions SINGLE = TopicOptions.defaults().singleWriter(true);

    /** A preallocated event. */
    static final class Cell
    {
        long value;
    }

    private static final LongTranslator<Cell> SET = (slot, value) -> slot.value = value;
    private static final Translator<Cell, Long> SET_BOXED = (slot, value) -> slot.value = value;
    private static final Translator<Cell, Cell> COPY = (slot, from) -> slot.value = from.value;

    @Test
    void aSingleWriterTopicDeliversEverythingInOrderThroughASmallRing()
    {
        final int events = 200_000;
        try (Bus bus = Ringbus.builder().dispatcherThreads(1).build())
        {
            final Topic<Long> topic = bus.topic("sw.order", Long.class, SINGLE.ringSize(64));
            final AtomicLong next = new AtomicLong();
            final AtomicLong outOfOrder = new AtomicLong();
            topic.subscribe(v ->
            {
                if (v != next.get())
                {
                    outOfOrder.incrementAndGet();
                }
                next.lazySet(v + 1);
            });
            for (long i = 0; i < events; i++)
            {
                topic.publish(i);
            }
            Await.until("every event handled", () -> next.get() == events);
            assertEquals(0, outOfOrder.get());
            final DestinationStats stats = bus.stats().destination("sw.order").orElseThrow();
            assertEquals(64, stats.capacity());
            assertEquals(events, stats.published());
        }
    }

    /**
     * A writer publishing as fast as it can while another thread closes the bus: every publish that returned
     * was delivered before close returned, and the first refusal is a {@link BusClosedException}.
     */
    @Test
    void aPublishRacingCloseIsDeliveredOrRefusedNeverLost() throws Exception
    {
        for (int round = 0; round < 30; round++)
        {
            final Bus bus = Ringbus.builder().dispatcherThreads(1).ringSize(256).build();
            final Topic<Long> topic = bus.topic("sw.close", Long.class, SINGLE);
            final AtomicLong handled = new AtomicLong();
            topic.subscribe(v -> handled.incrementAndGet());
            final AtomicLong accepted = new AtomicLong();
            final AtomicReference<Throwable> stop = new AtomicReference<>();
            final CountDownLatch started = new CountDownLatch(1);
            final Thread writer = new Thread(() ->
            {
                try
                {
                    for (long i = 0; ; i++)
                    {
                        topic.publish(i);
                        accepted.lazySet(i + 1);
                        started.countDown();
                    }
                }
                catch (final Throwable ex)
                {
                    stop.set(ex);
                }
            }, "sw-writer");
            writer.start();
            try
            {
                assertTrue(started.await(30, TimeUnit.SECONDS), "the writer published nothing");
                Thread.sleep(round % 3);
                bus.close();
                writer.join(TimeUnit.SECONDS.toMillis(30));
                assertTrue(stop.get() instanceof BusClosedException, "the writer stopped with " + stop.get());
                assertEquals(accepted.get(), handled.get(), "round " + round + ": accepted but not delivered");
            }
            finally
            {
                bus.close();
                writer.interrupt();
                writer.join(TimeUnit.SECONDS.toMillis(30));
            }
        }
    }

    @Test
    void checkModeRefusesASecondThreadPublishingWhileTheFirstIs() throws Exception
    {
        try (Bus bus = Ringbus.builder().dispatcherThreads(1).checkSingleWriter(true).build())
        {
            final Topic<Cell> topic = bus.topic("sw.check", Cell.class, Cell::new, COPY, SINGLE);
            final List<Long> seen = Collections.synchronizedList(new ArrayList<>());
            topic.subscribe(c -> seen.add(c.value));
            final CountDownLatch inside = new CountDownLatch(1);
            final CountDownLatch release = new CountDownLatch(1);
            final Translator<Cell, Long> slow = (slot, value) ->
            {
                inside.countDown();
                try
                {
                    release.await(30, TimeUnit.SECONDS);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
                slot.value = value;
            };
            final Thread first = new Thread(() -> topic.publish(slow, 1L), "first-writer");
            first.start();
            try
            {
                assertTrue(inside.await(30, TimeUnit.SECONDS));
                final IllegalStateException refused =
                    assertThrows(IllegalStateException.class, () -> topic.publish(SET, 2L));
                assertTrue(refused.getMessage().contains("first-writer") &&
                    refused.getMessage().contains(Thread.currentThread().getName()), refused.getMessage());
            }
            finally
            {
                release.countDown();
                first.join(TimeUnit.SECONDS.toMillis(30));
            }
            topic.publish(SET, 3L); // the role passed back to this thread once the first publish ended
            Await.until("both accepted events handled", () -> seen.size() == 2);
            assertEquals(List.of(1L, 3L), seen);
        }
    }

    @Test
    void replayWorksOnASingleWriterTopic()
    {
        try (Bus bus = Ringbus.builder().dispatcherThreads(1).build())
        {
            final Topic<Cell> topic = bus.topic("sw.replay", Cell.class, Cell::new, COPY, SINGLE.ringSize(8));
            topic.subscribe(c -> { });
            for (long i = 0; i < 20; i++)
            {
                topic.publish(SET, i);
            }
            final List<Long> seen = Collections.synchronizedList(new ArrayList<>());
            topic.subscribe(c -> seen.add(c.value), SubscribeOptions.defaults().replayLast(5));
            topic.publish(SET, 20L);
            Await.until("replay then live", () -> seen.size() == 6);
            assertEquals(List.of(15L, 16L, 17L, 18L, 19L, 20L), seen);
        }
    }

    @Test
    void optionsAreFixedByTheFirstDeclaration()
    {
        try (Bus bus = Ringbus.create())
        {
            final Topic<String> topic = bus.topic("sw.opts", String.class, SINGLE.ringSize(16));
            assertEquals(topic, bus.topic("sw.opts", String.class), "a plain lookup takes it as it is");
            assertEquals(topic, bus.topic("sw.opts", String.class, SINGLE.ringSize(16)));
            final IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> bus.topic("sw.opts", String.class, TopicOptions.defaults()));
            assertTrue(other.getMessage().contains("sw.opts"), other.getMessage());
            assertThrows(IllegalArgumentException.class, () -> TopicOptions.defaults().ringSize(100));
            assertThrows(IllegalArgumentException.class,
                () -> bus.topic("sw.opts", String.class, String::new, null, SINGLE.ringSize(16)),
                "object mode is not slot mode");
        }
    }

    @Test
    void aBatchIsClaimedAtOnceSoItStaysContiguousBetweenTwoPublishers() throws Exception
    {
        final int batches = 2_000;
        final int size = 16;
        try (Bus bus = Ringbus.builder().dispatcherThreads(1).ringSize(256).build())
        {
            final Topic<Long> topic = bus.topic("batch.two", Long.class);
            final List<Long> seen = Collections.synchronizedList(new ArrayList<>());
            topic.subscribe(seen::add);
            final Thread[] publishers = new Thread[2];
            for (int p = 0; p < 2; p++)
            {
                final long base = p * 1_000_000_000L;
                publishers[p] = new Thread(() ->
                {
                    final Long[] run = new Long[size];
                    for (int b = 0; b < batches; b++)
                    {
                        for (int i = 0; i < size; i++)
                        {
                            run[i] = base + (long)b * size + i;
                        }
                        topic.publish(run, 0, size);
                    }
                });
                publishers[p].start();
            }
            for (final Thread t : publishers)
            {
                t.join(TimeUnit.SECONDS.toMillis(60));
            }
            Await.until("every event handled", () -> seen.size() == 2 * batches * size);
            synchronized (seen)
            {
                for (int i = 0; i < seen.size(); i += size)
                {
                    for (int j = 1; j < size; j++)
                    {
                        assertEquals(seen.get(i) + j, seen.get(i + j), "a run was split at index " + (i + j));
                    }
                }
            }
        }
    }

    @Test
    void tryPublishOfABatchIsAllOrNothing() throws Exception
    {
        try (Bus bus = Ringbus.builder().dispatcherThreads(1).ringSize(8).build())
        {
            final Topic<Long> topic = bus.topic("batch.try", Long.class);
            final CountDownLatch release = new CountDownLatch(1);
            final List<Long> seen = Collections.synchronizedList(new ArrayList<>());
            topic.subscribe(v ->
            {
                release.await(30, TimeUnit.SECONDS);
                seen.add(v);
            });
            try
            {
                assertEquals(6, topic.tryPublish(new Long[] {0L, 1L, 2L, 3L, 4L, 5L}, 0, 6));
                assertEquals(0, topic.tryPublish(new Long[] {6L, 7L, 8L, 9L}, 0, 4), "only 2 or 3 slots are free");
                assertEquals(2, topic.tryPublish(new Long[] {-1L, 6L, 7L}, 1, 2));
            }
            finally
            {
                release.countDown();
            }
            Await.until("the accepted events handled", () -> seen.size() == 8);
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L), seen);
        }
    }

    @Test
    void aBadBatchIsRefusedBeforeAnythingIsPublished()
    {
        try (Bus bus = Ringbus.builder().ringSize(8).build())
        {
            final Topic<Long> topic = bus.topic("batch.bad", Long.class);
            topic.subscribe(v -> { });
            final NullPointerException nul =
                assertThrows(NullPointerException.class, () -> topic.publish(new Long[] {1L, null}, 0, 2));
            assertTrue(nul.getMessage().contains("events[1]"), nul.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> topic.publish(new Long[2], 1, 2));
            final IllegalArgumentException large =
                assertThrows(IllegalArgumentException.class, () -> topic.publish(new Long[9], 0, 9));
            assertTrue(large.getMessage().contains("ring size"), large.getMessage());
            assertEquals(0, bus.stats().destination("batch.bad").orElseThrow().published());
        }
    }

    @Test
    void aTranslatorFailingInABatchDeliversNoneOfIt()
    {
        try (Bus bus = Ringbus.builder().dispatcherThreads(1).build())
        {
            final Topic<Cell> topic = bus.topic("batch.fail", Cell.class, Cell::new, null, SINGLE);
            final List<Long> seen = Collections.synchronizedList(new ArrayList<>());
            topic.subscribe(c -> seen.add(c.value));
            final Translator<Cell, Long> failOnThree = (slot, v) ->
            {
                if (v == 3)
                {
                    throw new IllegalStateException("three");
                }
                slot.value = v;
            };
            assertThrows(IllegalStateException.class, () -> topic.publish(failOnThree, new Long[] {1L, 2L, 3L}, 0, 3));
            topic.publish(SET_BOXED, new Long[] {4L, 5L}, 0, 2);
            topic.publish(SET, 6L);
            Await.until("the good events handled", () -> seen.size() == 3);
            assertEquals(List.of(4L, 5L, 6L), seen);
            assertEquals(3, bus.stats().destination("batch.fail").orElseThrow().published());
        }
    }

    @Test
    void aClaimIsPublishedOrGivenUpAndNeverHeldTwice() throws Exception
    {
        for (final TopicOptions options : List.of(TopicOptions.defaults(), SINGLE))
        {
            try (Bus bus = Ringbus.builder().dispatcherThreads(1).ringSize(4).build())
            {
                final String name = "claim." + (options.singleWriter() ? "single" : "multi");
                final Topic<Cell> topic = bus.topic(name, Cell.class, Cell::new, null, options);
                final List<Long> seen = Collections.synchronizedList(new ArrayList<>());
                topic.subscribe(c -> seen.add(c.value));
                try (Claim<Cell> claim = topic.claim())
                {
                    claim.event().value = 1;
                    assertThrows(IllegalStateException.class, topic::claim, "one open claim per thread");
                    claim.publish();
                    assertThrows(IllegalStateException.class, claim::publish, "published already");
                    assertThrows(IllegalStateException.class, claim::event);
                }
                try (Claim<Cell> claim = topic.claim())
                {
                    claim.event().value = 2; // given up: an exception here would do the same
                }
                final Claim<Cell> mine = topic.claim();
                final AtomicReference<Throwable> other = new AtomicReference<>();
                final Thread stranger = new Thread(() ->
                {
                    try
                    {
                        mine.event();
                    }
                    catch (final Throwable ex)
                    {
                        other.set(ex);
                    }
                });
                stranger.start();
                stranger.join(TimeUnit.SECONDS.toMillis(30));
                assertTrue(other.get() instanceof IllegalStateException, "another thread used the claim: " + other);
                mine.event().value = 3;
                mine.publish();
                Await.until("two published claims handled", () -> seen.size() == 2);
                assertEquals(List.of(1L, 3L), seen, options.toString());
                assertEquals(2, bus.stats().destination(name).orElseThrow().published());
            }
        }
    }

    @Test
    void tryClaimGivesNothingWhenTheRingIsFullAndClaimNeedsSlotMode() throws Exception
    {
        try (Bus bus = Ringbus.builder().dispatcherThreads(1).ringSize(2).build())
        {
            final Topic<Cell> topic = bus.topic("claim.full", Cell.class, Cell::new, null, SINGLE);
            final CountDownLatch release = new CountDownLatch(1);
            final AtomicLong handled = new AtomicLong();
            topic.subscribe(c ->
            {
                release.await(30, TimeUnit.SECONDS);
                handled.incrementAndGet();
            });
            try
            {
                topic.publish(SET, 1L);
                topic.publish(SET, 2L); // the ring is full: the handler holds its batch until released
                assertEquals(null, topic.tryClaim());
            }
            finally
            {
                release.countDown();
            }
            Await.until("the two handled", () -> handled.get() == 2);
            final IllegalStateException objectMode = assertThrows(IllegalStateException.class,
                () -> bus.topic("claim.object", Cell.class).claim());
            assertTrue(objectMode.getMessage().contains("object mode"), objectMode.getMessage());
        }
    }

    @Test
    void aLongTranslatorNeedsSlotMode()
    {
        try (Bus bus = Ringbus.create())
        {
            final Topic<Cell> topic = bus.topic("long.object", Cell.class);
            final IllegalStateException refused =
                assertThrows(IllegalStateException.class, () -> topic.publish(SET, 1L));
            assertTrue(refused.getMessage().contains("object mode"), refused.getMessage());
        }
    }
}
