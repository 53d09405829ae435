package io.ringbus.disruptor;

import io.ringbus.Ringbus;
import io.ringbus.api.Await;
import io.ringbus.api.Bus;
import io.ringbus.api.IdleStrategyKind;
import io.ringbus.api.Queue;
import io.ringbus.api.SubscribeOptions;
import io.ringbus.api.Subscription;
import io.ringbus.api.Topic;
import io.ringbus.api.TopicOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dispatchers poll only the subscribers marked ready: every path that gives a subscriber work must mark it
 * (publish, an upstream's progress, a replay, close, a queue send), under every idle strategy, and subscribers
 * sharing a thread take turns. A missed mark shows here as an event never delivered or a close that waits for
 * its timeout.
 */
class ReadyDispatchTest
{
    @AfterEach
    void noDispatcherThreadOutlivesItsBus()
    {
        Await.until(() -> "ringbus threads still alive: " + ThreadingTest.ringbusThreads(), Await.DEFAULT,
            () -> ThreadingTest.ringbusThreads().isEmpty());
    }

    /**
     * Drained subscribers linger with their mark up for a few passes (so a publisher keeping pace pays no CAS),
     * at most a few per dispatcher, and then lower it: none stays marked, none is left behind.
     */
    @ParameterizedTest
    @EnumSource(IdleStrategyKind.class)
    void drainedSubscribersLingerBrieflyThenLowerTheirMarks(final IdleStrategyKind idle)
    {
        try (Bus bus = Ringbus.builder().idle(idle).dispatcherThreads(1).build())
        {
            final int n = 50;
            final AtomicLong handled = new AtomicLong();
            final List<RingSubscriber> subscribers = new ArrayList<>();
            for (int i = 0; i < n; i++)
            {
                final Topic<Integer> topic = bus.topic("linger.t" + i, Integer.class);
                subscribers.add((RingSubscriber)topic.subscribe(e -> handled.incrementAndGet()));
                topic.publish(i);
            }
            Await.until("every event handled", () -> handled.get() == n);
            Await.until(() -> "marks still up: " + subscribers.stream().filter(RingSubscriber::isScheduled).count(),
                Await.DEFAULT, () -> subscribers.stream().noneMatch(RingSubscriber::isScheduled));
            final Topic<Integer> again = bus.topic("linger.t7", Integer.class);
            again.publish(100);
            Await.until("an event after the marks came down", () -> handled.get() == n + 1);
        }
    }

    @ParameterizedTest
    @EnumSource(IdleStrategyKind.class)
    void quietTopicsEachGetTheirEventAfterIdling(final IdleStrategyKind idle) throws Exception
    {
        try (Bus bus = Ringbus.builder().idle(idle).build())
        {
            final int n = 2_000;
            final AtomicLong[] got = new AtomicLong[n];
            final List<Topic<Integer>> topics = new ArrayList<>();
            for (int i = 0; i < n; i++)
            {
                final AtomicLong count = new AtomicLong();
                got[i] = count;
                final Topic<Integer> topic =
                    bus.topic("quiet.t" + i, Integer.class, TopicOptions.defaults().ringSize(8));
                topic.subscribe(e -> count.incrementAndGet());
                topics.add(topic);
            }
            for (int round = 1; round <= 3; round++)
            {
                // Idle between rounds: every subscriber has lowered its mark, parking dispatchers have parked.
                Thread.sleep(20);
                for (final Topic<Integer> topic : topics)
                {
                    topic.publish(round);
                }
                final int expected = round;
                Await.until(() -> "round " + expected + ": " + lagging(got, expected) + " topics short",
                    Await.DEFAULT, () -> lagging(got, expected) == 0);
            }
        }
    }

    private static int lagging(final AtomicLong[] got, final int expected)
    {
        int lagging = 0;
        for (final AtomicLong g : got)
        {
            lagging += g.get() < expected ? 1 : 0;
        }
        return lagging;
    }

    @ParameterizedTest
    @EnumSource(IdleStrategyKind.class)
    void fanOutWithMoreSubscribersThanThreadsDeliversEverythingInOrder(final IdleStrategyKind idle)
        throws Exception
    {
        try (Bus bus = Ringbus.builder().idle(idle).dispatcherThreads(2).ringSize(64).build())
        {
            final Topic<Integer> topic = bus.topic("fan", Integer.class);
            final int subscribers = 3;
            final int events = 50_000;
            final AtomicInteger[] next = new AtomicInteger[subscribers];
            final AtomicInteger outOfOrder = new AtomicInteger();
            for (int s = 0; s < subscribers; s++)
            {
                final AtomicInteger expected = new AtomicInteger();
                next[s] = expected;
                topic.subscribe(e ->
                {
                    if (e != expected.get())
                    {
                        outOfOrder.incrementAndGet();
                    }
                    expected.set(e + 1);
                });
            }
            for (int i = 0; i < events; i++)
            {
                topic.publish(i);
            }
            Await.until("every subscriber got every event", () ->
            {
                for (final AtomicInteger n : next)
                {
                    if (n.get() != events)
                    {
                        return false;
                    }
                }
                return true;
            });
            assertEquals(0, outOfOrder.get());
        }
    }

    @ParameterizedTest
    @EnumSource(IdleStrategyKind.class)
    void followerSharingItsUpstreamsThreadSeesEveryEventAfterIt(final IdleStrategyKind idle) throws Exception
    {
        // One thread: the follower is idle whenever the upstream has not moved, and only the upstream marks it.
        try (Bus bus = Ringbus.builder().idle(idle).dispatcherThreads(1).ringSize(16).build())
        {
            final Topic<Integer> topic = bus.topic("pipe", Integer.class);
            final AtomicInteger upstreamSeen = new AtomicInteger();
            final AtomicInteger followerSeen = new AtomicInteger();
            final AtomicInteger overtaken = new AtomicInteger();
            final Subscription upstream = topic.subscribe(e -> upstreamSeen.incrementAndGet());
            topic.subscribe(e ->
            {
                if (followerSeen.incrementAndGet() > upstreamSeen.get())
                {
                    overtaken.incrementAndGet();
                }
            }, SubscribeOptions.defaults().after(upstream));
            for (int burst = 0; burst < 20; burst++)
            {
                for (int i = 0; i < 100; i++)
                {
                    topic.publish(i);
                }
                Thread.sleep(1);
            }
            Await.until(() -> "follower saw " + followerSeen.get() + " of 2000", Await.DEFAULT,
                () -> followerSeen.get() == 2_000);
            assertEquals(0, overtaken.get());
        }
    }

    @ParameterizedTest
    @EnumSource(IdleStrategyKind.class)
    void closingAnIdleSubscriberDetachesItPromptly(final IdleStrategyKind idle) throws Exception
    {
        final List<String> reports = new CopyOnWriteArrayList<>();
        try (Bus bus = Ringbus.builder().idle(idle).dispatcherThreads(1).closeTimeout(Duration.ofSeconds(20))
            .errorHandler((cause, destination, event, handler) -> reports.add(String.valueOf(cause))).build())
        {
            final Topic<Integer> topic = bus.topic("closing", Integer.class);
            final AtomicInteger got = new AtomicInteger();
            for (int round = 0; round < 20; round++)
            {
                final Subscription s = topic.subscribe(e -> got.incrementAndGet());
                topic.publish(round);
                final int expected = round + 1;
                Await.until("the event before close", () -> got.get() == expected);
                // Idle now: close must mark it, or the dispatcher never looks at it and close waits 20 s.
                Thread.sleep(2);
                final long start = System.nanoTime();
                s.close();
                final long tookMs = (System.nanoTime() - start) / 1_000_000;
                assertTrue(tookMs < 10_000, "close of an idle subscriber took " + tookMs + " ms");
                assertEquals(0, bus.stats().destination("closing").orElseThrow().subscribers());
            }
        }
        assertEquals(List.of(), reports);
    }

    @ParameterizedTest
    @EnumSource(IdleStrategyKind.class)
    void replayIsDeliveredWithoutAnyNewEvent(final IdleStrategyKind idle) throws Exception
    {
        try (Bus bus = Ringbus.builder().idle(idle).build())
        {
            final Topic<Integer> topic = bus.topic("history", Integer.class);
            topic.subscribe(e -> { });
            for (int i = 0; i < 10; i++)
            {
                topic.publish(i);
            }
            final List<Integer> replayed = new CopyOnWriteArrayList<>();
            topic.subscribe(replayed::add, SubscribeOptions.defaults().replayLast(5));
            Await.until(() -> "replayed " + replayed, Await.DEFAULT, () -> replayed.size() == 5);
            assertEquals(List.of(5, 6, 7, 8, 9), replayed);
        }
    }

    @ParameterizedTest
    @EnumSource(IdleStrategyKind.class)
    void competingConsumersOnTwoThreadsTakeEachMessageOnce(final IdleStrategyKind idle) throws Exception
    {
        try (Bus bus = Ringbus.builder().idle(idle).dispatcherThreads(2).build())
        {
            final Queue<Integer> queue = bus.queue("work", Integer.class);
            final ConcurrentHashMap<Integer, Integer> taken = new ConcurrentHashMap<>();
            final AtomicInteger twice = new AtomicInteger();
            for (int c = 0; c < 3; c++)
            {
                queue.consume(m ->
                {
                    if (taken.put(m, m) != null)
                    {
                        twice.incrementAndGet();
                    }
                });
            }
            final int messages = 20_000;
            for (int i = 0; i < messages; i++)
            {
                queue.send(i);
                if (i % 1_000 == 0)
                {
                    // Let the consumers go idle now and then: each send after must mark one to take it.
                    Thread.sleep(1);
                }
            }
            Await.until(() -> "taken " + taken.size() + " of " + messages, Await.DEFAULT,
                () -> taken.size() == messages);
            assertEquals(0, twice.get());
        }
    }

    @Test
    void aFloodedSubscriberDoesNotStarveItsNeighbourOnTheSameThread() throws Exception
    {
        try (Bus bus = Ringbus.builder().dispatcherThreads(1).ringSize(8_192).build())
        {
            final Topic<Integer> flooded = bus.topic("flooded", Integer.class);
            final Topic<Integer> neighbour = bus.topic("neighbour", Integer.class);
            final List<String> order = new CopyOnWriteArrayList<>();
            final int flood = 5_000;
            flooded.subscribe(e ->
            {
                // About 20 us each: a backlog of about 100 ms.
                final long until = System.nanoTime() + 20_000;
                while (System.nanoTime() - until < 0)
                {
                    Thread.onSpinWait();
                }
                order.add("f" + e);
            });
            neighbour.subscribe(e -> order.add("n"));
            for (int i = 0; i < flood; i++)
            {
                flooded.publish(i);
            }
            neighbour.publish(0);
            Await.until(() -> "delivered " + order.size(), Await.DEFAULT, () -> order.size() == flood + 1);
            // Batches of at most 256 take turns: the neighbour comes long before the flood ends.
            assertTrue(order.indexOf("n") < flood, "the neighbour's event came after the whole flood");
        }
    }
}
