package io.ringbus.api;

import io.ringbus.api.annotation.Consume;
import io.ringbus.api.annotation.Respond;
import io.ringbus.api.annotation.Subscribe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every engine owes its users, whatever carries the events: the in-process bus runs it, and so
 * will the IPC bus. Subclasses say only how to build a bus.
 * <p>
 * No test here asserts on speed; every wait has a deadline; every bus is closed, pass or fail.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class BusContractTest
{
    /**
     * What a contract test may ask of the bus it is given.
     *
     * @param ringSize     capacity of each ring.
     * @param errorHandler told about handler failures.
     * @param backpressure what publish does on a full ring.
     */
    protected record Settings(int ringSize, ErrorHandler errorHandler, BackpressurePolicy backpressure)
    {
        static Settings defaults()
        {
            return new Settings(1024, (cause, destination, event, handler) -> { }, BackpressurePolicy.WAIT);
        }

        Settings ringSize(final int size)
        {
            return new Settings(size, errorHandler, backpressure);
        }

        Settings errorHandler(final ErrorHandler handler)
        {
            return new Settings(ringSize, handler, backpressure);
        }

        Settings backpressure(final BackpressurePolicy policy)
        {
            return new Settings(ringSize, errorHandler, policy);
        }
    }

    /**
     * A running bus with these settings; the test closes it.
     *
     * @param settings what the test needs.
     * @return the bus.
     */
    protected abstract Bus newBus(Settings settings);

    /**
     * Whether this engine's queues carry priorities, delays, retries and dead letters for the destinations these
     * tests declare. The IPC bus, run with every destination shared, does not carry them between processes yet
     * and skips those tests (reported as skipped, with the reason).
     *
     * @return {@code true} unless overridden.
     */
    protected boolean queuesCarryDeliveryFeatures()
    {
        return true;
    }

    private static final String DELIVERY_FEATURES_SKIPPED =
        "priorities, delays, retries and dead letters are not carried by this engine's queues";

    private Bus newBus()
    {
        return newBus(Settings.defaults());
    }

    interface Shape
    {
    }

    record Circle(int radius) implements Shape
    {
    }

    record Square(int side) implements Shape
    {
    }

    record Tick(int publisher, int seq)
    {
    }

    // ---------------------------------------------------------------- pub/sub

    @Test
    void everySubscriberSeesEveryEventInOrder() throws Exception
    {
        try (Bus bus = newBus())
        {
            final Topic<Integer> topic = bus.topic("numbers", Integer.class);
            final List<List<Integer>> seen = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
            for (final List<Integer> list : seen)
            {
                topic.subscribe(list::add);
            }
            for (int i = 0; i < 1000; i++)
            {
                topic.publish(i);
            }
            for (final List<Integer> list : seen)
            {
                Await.until("1000 events", () -> list.size() == 1000);
                for (int i = 0; i < 1000; i++)
                {
                    assertEquals(i, list.get(i));
                }
            }
        }
    }

    @Test
    void twoPublishersThreeSubscribersAgreeOnOneTotalOrder() throws Exception
    {
        final int perPublisher = 20_000;
        try (Bus bus = newBus(Settings.defaults().ringSize(256)))
        {
            final Topic<Tick> topic = bus.topic("ticks", Tick.class);
            final List<List<Tick>> seen = new ArrayList<>();
            for (int s = 0; s < 3; s++)
            {
                final List<Tick> list = Collections.synchronizedList(new ArrayList<>());
                seen.add(list);
                topic.subscribe(list::add);
            }
            final List<Thread> publishers = new ArrayList<>();
            for (int p = 0; p < 2; p++)
            {
                final int publisher = p;
                publishers.add(new Thread(() ->
                {
                    for (int i = 0; i < perPublisher; i++)
                    {
                        topic.publish(new Tick(publisher, i));
                    }
                }, "publisher-" + p));
            }
            publishers.forEach(Thread::start);
            for (final Thread t : publishers)
            {
                t.join(Await.DEFAULT.toMillis());
                assertFalse(t.isAlive(), "publisher still running");
            }
            for (final List<Tick> list : seen)
            {
                Await.until(() -> "all ticks, have " + list.size(), Await.DEFAULT, () -> list.size() == 2 * perPublisher);
            }
            final List<Tick> reference = seen.get(0);
            assertEquals(reference, seen.get(1), "subscribers 0 and 1 disagree on the order");
            assertEquals(reference, seen.get(2), "subscribers 0 and 2 disagree on the order");
            final int[] next = new int[2];
            for (final Tick t : reference)
            {
                assertEquals(next[t.publisher()]++, t.seq(), "publisher order broken at " + t);
            }
        }
    }

    @Test
    void subscriberSeesOnlyEventsPublishedAfterItSubscribed() throws Exception
    {
        try (Bus bus = newBus())
        {
            final Topic<Integer> topic = bus.topic("late", Integer.class);
            final List<Integer> first = new CopyOnWriteArrayList<>();
            topic.subscribe(first::add);
            topic.publish(1);
            final List<Integer> second = new CopyOnWriteArrayList<>();
            topic.subscribe(second::add);
            topic.publish(2);
            Await.until("both events at the first subscriber", () -> first.size() == 2);
            Await.until("one event at the second subscriber", () -> second.size() == 1);
            assertEquals(List.of(2), second);
        }
    }

    @Test
    void closedSubscriptionIsNotCalledAgainWhileOthersContinue() throws Exception
    {
        try (Bus bus = newBus())
        {
            final Topic<Integer> topic = bus.topic("flow", Integer.class);
            final AtomicInteger stayed = new AtomicInteger();
            final AtomicInteger left = new AtomicInteger();
            topic.subscribe(e -> stayed.incrementAndGet());
            final Subscription leaving = topic.subscribe(e -> left.incrementAndGet());
            final AtomicReference<Throwable> publishFailure = new AtomicReference<>();
            final CountDownLatch stop = new CountDownLatch(1);
            final AtomicLong published = new AtomicLong();
            final Thread publisher = new Thread(() ->
            {
                try
                {
                    while (stop.getCount() > 0)
                    {
                        topic.publish(1);
                        published.incrementAndGet();
                    }
                }
                catch (final Throwable ex)
                {
                    publishFailure.set(ex);
                }
            });
            publisher.start();
            try
            {
                Await.until("some events at the leaving subscriber", () -> left.get() > 1000);
                leaving.close();
                assertFalse(leaving.isActive());
                final int atClose = left.get();
                final long publishedAtClose = published.get();
                Await.until("more events after the close", () -> published.get() > publishedAtClose + 10_000);
                assertEquals(atClose, left.get(), "handler called after close() returned");
            }
            finally
            {
                stop.countDown();
                publisher.join(Await.DEFAULT.toMillis());
            }
            assertFalse(publisher.isAlive());
            assertEquals(null, publishFailure.get());
            Await.until("the staying subscriber got everything", () -> stayed.get() == published.get());
        }
    }

    @Test
    void subscriptionClosedFromItsOwnHandlerGetsNothingMoreAndIsCountedExactly() throws Exception
    {
        try (Bus bus = newBus())
        {
            final Topic<Integer> topic = bus.topic("self.closing", Integer.class);
            final AtomicInteger calls = new AtomicInteger();
            final AtomicReference<Subscription> self = new AtomicReference<>();
            final AtomicInteger witness = new AtomicInteger();
            final CountDownLatch subscribed = new CountDownLatch(1);
            self.set(topic.subscribe(e ->
            {
                subscribed.await(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
                if (calls.incrementAndGet() == 10)
                {
                    self.get().close();
                }
            }));
            subscribed.countDown();
            topic.subscribe(e -> witness.incrementAndGet());
            for (int i = 0; i < 100; i++)
            {
                topic.publish(i);
            }
            Await.until("the witness saw everything", () -> witness.get() == 100);
            Await.until("the closed subscription left", () -> bus.stats().destination("self.closing")
                .orElseThrow().subscribers() == 1);
            assertEquals(10, calls.get());
            assertEquals(110, bus.stats().destination("self.closing").orElseThrow().delivered());
        }
    }

    @Test
    void publishWithNoSubscriberIsCountedAsUnrouted()
    {
        try (Bus bus = newBus())
        {
            final Topic<String> topic = bus.topic("nobody.home", String.class);
            topic.publish("hello");
            assertTrue(topic.tryPublish("again"));
            assertEquals(2, bus.stats().destination("nobody.home").orElseThrow().unrouted());
        }
    }

    // ---------------------------------------------------------------- dependency ordering, replay, slot mode

    /** A mutable event for slot-mode topics. */
    static final class Quote
    {
        String symbol;
        long price;
        int stage;

        static void price(final Quote slot, final Long price)
        {
            slot.symbol = "EURUSD";
            slot.price = price;
            slot.stage = 0;
        }

        static void set(final Quote slot, final String symbol, final Long price)
        {
            slot.symbol = symbol;
            slot.price = price;
            slot.stage = 0;
        }

        static void copy(final Quote slot, final Quote from)
        {
            slot.symbol = from.symbol;
            slot.price = from.price;
            slot.stage = from.stage;
        }
    }

    @Test
    void afterSeesEachEventOnlyOnceEveryPredecessorHandledIt() throws Exception
    {
        try (Bus bus = newBus())
        {
            final Topic<Integer> topic = bus.topic("diamond", Integer.class);
            final Set<Integer> journaled = ConcurrentHashMap.newKeySet();
            final Set<Integer> replicated = ConcurrentHashMap.newKeySet();
            final Subscription journal = topic.subscribe(journaled::add);
            final Subscription replicate =
                topic.subscribe(replicated::add, SubscribeOptions.defaults().dedicatedThread(true));
            final List<Integer> business = new CopyOnWriteArrayList<>();
            final AtomicInteger early = new AtomicInteger();
            topic.subscribe(e ->
            {
                if (!journaled.contains(e) || !replicated.contains(e))
                {
                    early.incrementAndGet();
                }
                business.add(e);
            }, SubscribeOptions.defaults().after(journal, replicate));
            for (int i = 0; i < 5000; i++)
            {
                topic.publish(i);
            }
            Await.until("the business stage saw all 5000", () -> business.size() == 5000);
            assertEquals(0, early.get(), "events seen before both predecessors handled them");
            for (int i = 0; i < 5000; i++)
            {
                assertEquals(i, business.get(i));
            }
        }
    }

    @Test
    void afterSeesWhatItsPredecessorWroteIntoASlot() throws Exception
    {
        try (Bus bus = newBus())
        {
            final Topic<Quote> quotes = bus.topic("quotes.staged", Quote.class, Quote::new);
            assertTrue(quotes.isSlotMode());
            final Subscription first = quotes.subscribe(q -> q.stage = 1);
            final List<String> seen = new CopyOnWriteArrayList<>();
            quotes.subscribe(q -> seen.add(q.price + "@" + q.stage), SubscribeOptions.defaults().after(first));
            for (long p = 0; p < 1000; p++)
            {
                quotes.publish(Quote::price, p);
            }
            Await.until("all 1000 at the second stage", () -> seen.size() == 1000);
            for (int i = 0; i < 1000; i++)
            {
                assertEquals(i + "@1", seen.get(i), "the second stage must see the first stage's write");
            }
        }
    }

    @Test
    void closingAPredecessorReleasesItsFollowers() throws Exception
    {
        try (Bus bus = newBus())
        {
            final Topic<Integer> topic = bus.topic("released", Integer.class);
            final Set<Integer> handled = ConcurrentHashMap.newKeySet();
            final Subscription journal = topic.subscribe(handled::add);
            final List<Integer> follower = new CopyOnWriteArrayList<>();
            final AtomicInteger early = new AtomicInteger();
            topic.subscribe(e ->
            {
                early.addAndGet(e < 100 && !handled.contains(e) ? 1 : 0); // 100 on: published after the close
                follower.add(e);
            }, SubscribeOptions.defaults().after(journal));
            for (int i = 0; i < 100; i++)
            {
                topic.publish(i);
            }
            Await.until("the follower saw the first 100", () -> follower.size() == 100);
            journal.close();
            for (int i = 100; i < 200; i++)
            {
                topic.publish(i);
            }
            Await.until("the follower goes on without its closed predecessor", () -> follower.size() == 200);
            assertEquals(0, early.get(), "seen before the predecessor handled it, while it was open");
            for (int i = 0; i < 200; i++)
            {
                assertEquals(i, follower.get(i));
            }
        }
    }

    @Test
    void afterAndReplayRulesAreEnforcedAtTheCall()
    {
        try (Bus bus = newBus())
        {
            final Topic<Integer> topic = bus.topic("rules.a", Integer.class);
            final Topic<Integer> other = bus.topic("rules.b", Integer.class);
            final Subscription onOther = other.subscribe(e -> { });
            final Subscription pattern = bus.subscribe("rules.*", Integer.class, e -> { });
            final Subscription consumer = bus.queue("rules.q", Integer.class).consume(e -> { });
            final Subscription own = topic.subscribe(e -> { });
            for (final Subscription foreign : List.of(onOther, pattern, consumer))
            {
                final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                    () -> topic.subscribe(e -> { }, SubscribeOptions.defaults().after(foreign)));
                assertTrue(ex.getMessage().contains("same topic"), ex.getMessage());
            }
            assertThrows(IllegalArgumentException.class,
                () -> topic.subscribe(e -> { }, SubscribeOptions.defaults().after(own).replayLast(3)));
            assertThrows(IllegalArgumentException.class, () -> bus.subscribe("rules.*", Integer.class, e -> { },
                SubscribeOptions.defaults().after(own)));
            assertThrows(IllegalArgumentException.class, () -> bus.subscribe("rules.*", Integer.class, e -> { },
                SubscribeOptions.defaults().replayLast(1)));
            assertThrows(IllegalArgumentException.class, () -> bus.queue("rules.q", Integer.class)
                .consume(e -> { }, SubscribeOptions.defaults().replayLast(1)));
            own.close();
            final IllegalArgumentException closed = assertThrows(IllegalArgumentException.class,
                () -> topic.subscribe(e -> { }, SubscribeOptions.defaults().after(own)));
            assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
        }
    }

    @Test
    void typeAddressedSubscriptionsTakeAfterAndReplay() throws Exception
    {
        try (Bus bus = newBus())
        {
            final Set<Integer> journaled = ConcurrentHashMap.newKeySet();
            final Subscription journal = bus.subscribe(Circle.class, c -> journaled.add(c.radius()));
            final List<Integer> after = new CopyOnWriteArrayList<>();
            final AtomicInteger early = new AtomicInteger();
            bus.subscribe(Circle.class, c ->
            {
                early.addAndGet(journaled.contains(c.radius()) ? 0 : 1);
                after.add(c.radius());
            }, SubscribeOptions.defaults().after(journal));
            for (int i = 0; i < 50; i++)
            {
                bus.publish(new Circle(i));
            }
            Await.until("50 circles after the journal", () -> after.size() == 50);
            assertEquals(0, early.get());
            final List<Integer> replayed = new CopyOnWriteArrayList<>();
            bus.subscribe(Circle.class, c -> replayed.add(c.radius()), SubscribeOptions.defaults().replayLast(2));
            Await.until("two circles replayed", () -> replayed.size() == 2);
            assertEquals(List.of(48, 49), replayed);
            assertThrows(IllegalArgumentException.class, () -> bus.subscribe(Square.class, s -> { },
                SubscribeOptions.defaults().after(journal)));
        }
    }

    @Test
    void replayDeliversTheLastHeldEventsThenLiveOnesWithoutGapOrDuplicate() throws Exception
    {
        try (Bus bus = newBus())
        {
            final Topic<Integer> topic = bus.topic("replayed", Integer.class);
            final AtomicInteger live = new AtomicInteger();
            topic.subscribe(e -> live.incrementAndGet());
            for (int i = 0; i < 100; i++)
            {
                topic.publish(i);
            }
            final List<Integer> late = new CopyOnWriteArrayList<>();
            topic.subscribe(late::add, SubscribeOptions.defaults().replayLast(10));
            for (int i = 100; i < 110; i++)
            {
                topic.publish(i);
            }
            Await.until("ten replayed and ten live", () -> late.size() == 20);
            final List<Integer> expected = new ArrayList<>();
            for (int i = 90; i < 110; i++)
            {
                expected.add(i);
            }
            assertEquals(expected, late);
        }
    }

    @Test
    void replayGivesAtMostWhatTheRingHolds() throws Exception
    {
        try (Bus bus = newBus(Settings.defaults().ringSize(16)))
        {
            final Topic<Integer> topic = bus.topic("replayed.small", Integer.class);
            final AtomicInteger live = new AtomicInteger();
            topic.subscribe(e -> live.incrementAndGet());
            final List<Integer> fewer = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 3; i++)
            {
                topic.publish(i);
            }
            topic.subscribe(fewer::add, SubscribeOptions.defaults().replayLast(5));
            Await.until("the three published so far", () -> fewer.size() == 3);
            assertEquals(List.of(0, 1, 2), fewer);
            for (int i = 3; i < 100; i++)
            {
                topic.publish(i);
            }
            Await.until("the live subscriber has all 100", () -> live.get() == 100);
            final List<Integer> ring = new CopyOnWriteArrayList<>();
            topic.subscribe(ring::add, SubscribeOptions.defaults().replayLast(1000));
            Await.until("a ring's worth", () -> ring.size() == 16);
            for (int i = 0; i < 16; i++)
            {
                assertEquals(84 + i, ring.get(i));
            }
        }
    }

    @Test
    void slotModePublishesThroughTranslatorsIntoPreallocatedEvents() throws Exception
    {
        try (Bus bus = newBus())
        {
            final Topic<Quote> quotes = bus.topic("quotes.slots", Quote.class, Quote::new);
            final List<String> seen = new CopyOnWriteArrayList<>();
            final Set<Quote> slots = Collections.newSetFromMap(new ConcurrentHashMap<>());
            quotes.subscribe(q ->
            {
                slots.add(q);
                seen.add(q.symbol + " " + q.price); // copied out: the slot is reused
            });
            quotes.publish(Quote::price, 1L);
            assertTrue(quotes.tryPublish(Quote::price, 2L));
            quotes.publish(Quote::set, "GBPUSD", 3L);
            assertTrue(quotes.tryPublish(Quote::set, "USDJPY", 4L));
            Await.until("four quotes", () -> seen.size() == 4);
            assertEquals(List.of("EURUSD 1", "EURUSD 2", "GBPUSD 3", "USDJPY 4"), seen);
            assertEquals(4, slots.size(), "each publication fills the next preallocated slot");
            assertSame(quotes, bus.topic("quotes.slots", Quote.class), "a plain lookup finds the slot-mode topic");
            assertEquals(4, bus.stats().destination("quotes.slots").orElseThrow().published());
        }
    }

    @Test
    void slotModeMisuseIsRefusedWithTheRule()
    {
        try (Bus bus = newBus())
        {
            final Topic<Quote> quotes = bus.topic("quotes.strict", Quote.class, Quote::new);
            quotes.subscribe(q -> { });
            final IllegalStateException noCopier =
                assertThrows(IllegalStateException.class, () -> quotes.publish(new Quote()));
            assertTrue(noCopier.getMessage().contains("copier"), noCopier.getMessage());
            assertThrows(IllegalStateException.class, () -> quotes.tryPublish(new Quote()));
            assertThrows(IllegalArgumentException.class,
                () -> quotes.subscribe(q -> { }, SubscribeOptions.defaults().replayLast(1)));
            // The rule holds while nobody subscribes too: refused, not counted as unrouted.
            final Topic<Quote> unheard = bus.topic("quotes.unheard", Quote.class, Quote::new);
            assertThrows(IllegalStateException.class, () -> unheard.publish(new Quote()));
            assertThrows(IllegalStateException.class, () -> unheard.tryPublish(new Quote()));
            assertEquals(0, bus.stats().destination("quotes.unheard").orElseThrow().unrouted());

            final Topic<Quote> plain = bus.topic("quotes.plain", Quote.class);
            plain.subscribe(q -> { });
            final IllegalStateException objectMode =
                assertThrows(IllegalStateException.class, () -> plain.publish(Quote::price, 1L));
            assertTrue(objectMode.getMessage().contains("object mode"), objectMode.getMessage());
            assertThrows(IllegalStateException.class, () -> plain.tryPublish(Quote::set, "X", 1L));

            assertThrows(IllegalArgumentException.class, () -> bus.topic("quotes.plain", Quote.class, Quote::new));
            assertThrows(IllegalArgumentException.class,
                () -> bus.topic("quotes.strict", Quote.class, Quote::new, Quote::copy));
            assertThrows(IllegalArgumentException.class,
                () -> bus.topic("quotes.wrong", Object.class, () -> null));
            assertThrows(NullPointerException.class, () -> quotes.publish(null, 1L));
        }
    }

    @Test
    void slotModeWithACopierTakesEventsAndReplaysCopies() throws Exception
    {
        try (Bus bus = newBus(Settings.defaults().ringSize(8)))
        {
            final Topic<Quote> quotes = bus.topic("quotes.copied", Quote.class, Quote::new, Quote::copy);
            final AtomicInteger live = new AtomicInteger();
            quotes.subscribe(q -> live.incrementAndGet());
            final Quote mine = new Quote();
            for (long p = 0; p < 20; p++)
            {
                Quote.price(mine, p);
                quotes.publish(mine); // copied into a slot: the caller may reuse its object at once
            }
            Await.until("20 at the live subscriber", () -> live.get() == 20);
            final List<Quote> kept = new CopyOnWriteArrayList<>();
            quotes.subscribe(kept::add, SubscribeOptions.defaults().replayLast(3));
            Await.until("three replayed", () -> kept.size() == 3);
            for (long p = 20; p < 40; p++)
            {
                quotes.publish(Quote::price, p); // laps the ring more than twice
            }
            Await.until("40 at the live subscriber", () -> live.get() == 40);
            for (int i = 0; i < 3; i++)
            {
                assertEquals(17 + i, kept.get(i).price, "a replayed event is a copy, not a slot publishers reuse");
            }
        }
    }

    @Test
    void failingTranslatorPublishesNothingAndReachesTheCaller() throws Exception
    {
        try (Bus bus = newBus())
        {
            final Topic<Quote> quotes = bus.topic("quotes.failing", Quote.class, Quote::new);
            final List<Long> seen = new CopyOnWriteArrayList<>();
            quotes.subscribe(q -> seen.add(q.price));
            quotes.publish(Quote::price, 1L);
            final IllegalStateException ex = assertThrows(IllegalStateException.class,
                () -> quotes.publish((slot, p) ->
                {
                    slot.price = p;
                    throw new IllegalStateException("bad quote");
                }, 2L));
            assertEquals("bad quote", ex.getMessage());
            quotes.publish(Quote::price, 3L);
            Await.until("two quotes", () -> seen.size() == 2);
            assertEquals(List.of(1L, 3L), seen);
            assertEquals(2, bus.stats().destination("quotes.failing").orElseThrow().published());
        }
    }

    // ---------------------------------------------------------------- queues

    @Test
    void threeCompetingConsumersHandleEachOfManyMessagesExactlyOnce() throws Exception
    {
        final int messages = 100_000;
        try (Bus bus = newBus(Settings.defaults().ringSize(512)))
        {
            final Queue<Integer> queue = bus.queue("work", Integer.class);
            final AtomicReferenceArray<String> handledBy = new AtomicReferenceArray<>(messages);
            final AtomicInteger duplicates = new AtomicInteger();
            final AtomicInteger handled = new AtomicInteger();
            final Map<String, AtomicInteger> perConsumer = new ConcurrentHashMap<>();
            for (int c = 0; c < 3; c++)
            {
                final String name = "consumer-" + c;
                perConsumer.put(name, new AtomicInteger());
                queue.consume(m ->
                {
                    if (!handledBy.compareAndSet(m, null, name))
                    {
                        duplicates.incrementAndGet();
                    }
                    perConsumer.get(name).incrementAndGet();
                    handled.incrementAndGet();
                });
            }
            for (int i = 0; i < messages; i++)
            {
                queue.send(i);
            }
            Await.until(() -> "all messages handled, have " + handled.get(), Await.DEFAULT,
                () -> handled.get() >= messages);
            assertEquals(0, duplicates.get(), "messages handled more than once");
            assertEquals(messages, handled.get());
            for (int i = 0; i < messages; i++)
            {
                assertNotNull(handledBy.get(i), "message " + i + " never handled");
            }
            final DestinationStats stats = bus.stats().destination("work").orElseThrow();
            assertEquals(messages, stats.published());
            assertEquals(messages, stats.delivered());
            assertEquals(0, stats.depth());
        }
    }

    @Test
    void slowConsumerDoesNotHoldTheOthersBack() throws Exception
    {
        try (Bus bus = newBus())
        {
            final Queue<Integer> queue = bus.queue("mixed.speed", Integer.class);
            final CountDownLatch release = new CountDownLatch(1);
            final CountDownLatch slowStarted = new CountDownLatch(1);
            final AtomicInteger fast = new AtomicInteger();
            queue.consume(m ->
            {
                slowStarted.countDown();
                release.await(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
            });
            queue.consume(m -> fast.incrementAndGet());
            try
            {
                // Until the slow consumer holds a message, the fast one may take them all.
                final AtomicInteger sent = new AtomicInteger();
                Await.until("the slow consumer holds a message", () ->
                {
                    queue.send(sent.getAndIncrement());
                    return slowStarted.getCount() == 0;
                });
                for (int i = 0; i < 200; i++)
                {
                    queue.send(i);
                }
                final int expected = sent.get() - 1 + 200;
                // While one consumer is stuck, the other takes everything else.
                Await.until(() -> "the free consumer took the rest, has " + fast.get() + " of " + expected,
                    Await.DEFAULT, () -> fast.get() == expected);
            }
            finally
            {
                release.countDown();
            }
        }
    }

    @Test
    void messagesSentBeforeAnyConsumerWaitForOne() throws Exception
    {
        try (Bus bus = newBus())
        {
            final Queue<String> queue = bus.queue("early", String.class);
            queue.send("a");
            queue.send("b");
            final List<String> got = new CopyOnWriteArrayList<>();
            queue.consume(got::add);
            Await.until("both messages", () -> got.size() == 2);
            assertEquals(List.of("a", "b"), got);
        }
    }

    // ---------------------------------------------------------------- type-addressed

    @Test
    void typeAddressedPublishReachesClassSuperclassesAndInterfaces() throws Exception
    {
        try (Bus bus = newBus())
        {
            final List<Object> circles = new CopyOnWriteArrayList<>();
            final List<Object> shapes = new CopyOnWriteArrayList<>();
            final List<Object> records = new CopyOnWriteArrayList<>();
            final List<Object> objects = new CopyOnWriteArrayList<>();
            bus.subscribe(Circle.class, circles::add);
            bus.subscribe(Shape.class, shapes::add);
            bus.subscribe(Record.class, records::add);
            bus.subscribe(Object.class, objects::add);
            bus.publish(new Circle(1));
            bus.publish(new Square(2));
            bus.publish("text");
            Await.until("three objects", () -> objects.size() == 3);
            Await.until("two shapes", () -> shapes.size() == 2);
            Await.until("two records", () -> records.size() == 2);
            Await.until("one circle", () -> circles.size() == 1);
            assertEquals(List.of(new Circle(1)), circles);
            assertEquals(Set.of(new Circle(1), new Square(2)), Set.copyOf(shapes));
        }
    }

    @Test
    void eventNobodyListensToBecomesCountedDeadEvent() throws Exception
    {
        try (Bus bus = newBus())
        {
            final List<DeadEvent> dead = new CopyOnWriteArrayList<>();
            bus.subscribe(DeadEvent.class, dead::add);
            bus.publish(new Circle(7));
            Await.until("a dead event", () -> dead.size() == 1);
            assertEquals(new Circle(7), dead.get(0).event());
            assertEquals(1, bus.stats().deadEvents());
        }
    }

    @Test
    void deadEventsAreCountedEvenWithoutDeadEventSubscribers()
    {
        try (Bus bus = newBus())
        {
            bus.publish(new Square(1));
            assertTrue(bus.tryPublish(new Square(2)));
            assertEquals(2, bus.stats().deadEvents());
        }
    }

    // ---------------------------------------------------------------- names and patterns

    @Test
    void invalidNamesAreRefusedWithTheRule()
    {
        try (Bus bus = newBus())
        {
            for (final String bad : List.of("", "a..b", ".a", "a.", "a b", "a/b", "orders.*", "x.#"))
            {
                final IllegalArgumentException ex =
                    assertThrows(IllegalArgumentException.class, () -> bus.topic(bad, String.class), bad);
                assertTrue(ex.getMessage().contains("name"), ex.getMessage());
            }
            assertThrows(NullPointerException.class, () -> bus.topic(null, String.class));
            assertThrows(IllegalArgumentException.class, () -> bus.queue("a..b", String.class));
            assertThrows(IllegalArgumentException.class, () -> bus.subscribe("a.b*", String.class, e -> { }));
        }
    }

    @Test
    void sameNameWithAnotherTypeOrKindIsRefused()
    {
        try (Bus bus = newBus())
        {
            final Topic<String> topic = bus.topic("orders", String.class);
            assertSame(topic, bus.topic("orders", String.class));
            final IllegalArgumentException type =
                assertThrows(IllegalArgumentException.class, () -> bus.topic("orders", Integer.class));
            assertTrue(type.getMessage().contains("java.lang.String"), type.getMessage());
            final IllegalArgumentException kind =
                assertThrows(IllegalArgumentException.class, () -> bus.queue("orders", String.class));
            assertTrue(kind.getMessage().contains("topic"), kind.getMessage());
        }
    }

    @Test
    void patternSubscriptionAttachesToExistingAndLaterTopics() throws Exception
    {
        try (Bus bus = newBus())
        {
            final Topic<String> before = bus.topic("orders.eu.placed", String.class);
            final List<String> star = new CopyOnWriteArrayList<>();
            final List<String> hash = new CopyOnWriteArrayList<>();
            bus.subscribe("orders.*.placed", String.class, star::add);
            bus.subscribe("orders.#", String.class, hash::add);
            final Topic<String> after = bus.topic("orders.us.placed", String.class);
            final Topic<String> deeper = bus.topic("orders.us.east.placed", String.class);
            final Topic<String> other = bus.topic("payments.eu", String.class);
            before.publish("eu");
            after.publish("us");
            deeper.publish("east");
            other.publish("payment");
            Await.until("three events on orders.#", () -> hash.size() == 3);
            Await.until("two events on orders.*.placed", () -> star.size() == 2);
            assertEquals(Set.of("eu", "us"), Set.copyOf(star));
            assertEquals(Set.of("eu", "us", "east"), Set.copyOf(hash));
        }
    }

    @Test
    void patternSubscriptionSkipsTopicsOfOtherTypesAndNeverRunsConcurrently() throws Exception
    {
        try (Bus bus = newBus())
        {
            final AtomicInteger inside = new AtomicInteger();
            final AtomicInteger overlaps = new AtomicInteger();
            final AtomicInteger seen = new AtomicInteger();
            bus.subscribe("m.#", Number.class, n ->
            {
                if (inside.incrementAndGet() > 1)
                {
                    overlaps.incrementAndGet();
                }
                seen.incrementAndGet();
                inside.decrementAndGet();
            });
            final List<Topic<Integer>> topics = new ArrayList<>();
            for (int i = 0; i < 4; i++)
            {
                topics.add(bus.topic("m.t" + i, Integer.class));
            }
            final Topic<String> strings = bus.topic("m.strings", String.class);
            final List<Thread> publishers = new ArrayList<>();
            for (final Topic<Integer> t : topics)
            {
                publishers.add(new Thread(() ->
                {
                    for (int i = 0; i < 5_000; i++)
                    {
                        t.publish(i);
                    }
                }));
            }
            publishers.forEach(Thread::start);
            strings.publish("not a number");
            for (final Thread t : publishers)
            {
                t.join(Await.DEFAULT.toMillis());
            }
            Await.until(() -> "20000 numbers, have " + seen.get(), Await.DEFAULT, () -> seen.get() == 20_000);
            assertEquals(0, overlaps.get(), "handler ran concurrently with itself");
            assertEquals(1, bus.stats().destination("m.strings").orElseThrow().unrouted());
        }
    }

    // ---------------------------------------------------------------- failures

    @Test
    void throwingHandlerIsReportedWithContextAndDoesNotStopDelivery() throws Exception
    {
        final List<Object[]> reports = new CopyOnWriteArrayList<>();
        final ErrorHandler errors = (cause, destination, event, handler) ->
            reports.add(new Object[] {cause, destination, event, handler});
        try (Bus bus = newBus(Settings.defaults().errorHandler(errors)))
        {
            final Topic<Integer> topic = bus.topic("fragile", Integer.class);
            final AtomicInteger healthy = new AtomicInteger();
            final AtomicInteger survived = new AtomicInteger();
            final Handler<Integer> failing = e ->
            {
                if (e % 2 == 0)
                {
                    throw new IllegalStateException("even " + e);
                }
                if (e == 5)
                {
                    throw new AssertionError("an Error, not an Exception");
                }
                survived.incrementAndGet();
            };
            topic.subscribe(failing);
            topic.subscribe(e -> healthy.incrementAndGet());
            for (int i = 0; i < 100; i++)
            {
                topic.publish(i);
            }
            Await.until("all events at the healthy subscriber", () -> healthy.get() == 100);
            Await.until("all failures reported", () -> reports.size() == 51);
            Await.until("odd events handled by the failing subscriber", () -> survived.get() == 49);
            final Object[] first = reports.get(0);
            assertInstanceOf(IllegalStateException.class, first[0]);
            assertEquals("fragile", first[1]);
            assertEquals(0, first[2]);
            assertSame(failing, first[3]);
            final DestinationStats stats = bus.stats().destination("fragile").orElseThrow();
            assertEquals(51, stats.failures());
            assertEquals(149, stats.delivered());
        }
    }

    @Test
    void throwingErrorHandlerIsContained() throws Exception
    {
        final ErrorHandler broken = (cause, destination, event, handler) ->
        {
            throw new IllegalStateException("the error handler itself fails");
        };
        try (Bus bus = newBus(Settings.defaults().errorHandler(broken)))
        {
            final Queue<Integer> queue = bus.queue("q.broken", Integer.class);
            final AtomicInteger ok = new AtomicInteger();
            queue.consume(e ->
            {
                if (e == 0)
                {
                    throw new IllegalArgumentException("boom");
                }
                ok.incrementAndGet();
            });
            queue.send(0);
            queue.send(1);
            Await.until("the next message handled", () -> ok.get() == 1);
            assertEquals(1, bus.stats().errorHandlerFailures());
            assertEquals(1, bus.stats().destination("q.broken").orElseThrow().failures());
        }
    }

    // ---------------------------------------------------------------- backpressure

    @Test
    void fullRingRefusesTryPublishAndFailPolicyThrows() throws Exception
    {
        try (Bus bus = newBus(Settings.defaults().ringSize(8).backpressure(BackpressurePolicy.FAIL)))
        {
            final Topic<Integer> topic = bus.topic("narrow", Integer.class);
            final CountDownLatch release = new CountDownLatch(1);
            final AtomicInteger handled = new AtomicInteger();
            topic.subscribe(e ->
            {
                release.await(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
                handled.incrementAndGet();
            });
            int accepted = 0;
            while (topic.tryPublish(accepted))
            {
                accepted++;
                assertTrue(accepted <= 9, "ring of 8 accepted more than it holds plus the one in hand");
            }
            assertFalse(topic.tryPublish(-1));
            final BackpressureException ex = assertThrows(BackpressureException.class, () -> topic.publish(-2));
            assertTrue(ex.getMessage().contains("narrow"), ex.getMessage());
            release.countDown();
            final int total = accepted;
            Await.until("accepted events handled", () -> handled.get() == total);
        }
    }

    @Test
    void blockedPublisherWaitsThenResumes() throws Exception
    {
        try (Bus bus = newBus(Settings.defaults().ringSize(8)))
        {
            final Topic<Integer> topic = bus.topic("waiting", Integer.class);
            final CountDownLatch release = new CountDownLatch(1);
            final AtomicInteger handled = new AtomicInteger();
            topic.subscribe(e ->
            {
                release.await(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
                handled.incrementAndGet();
            });
            final AtomicInteger published = new AtomicInteger();
            final Thread publisher = new Thread(() ->
            {
                for (int i = 0; i < 100; i++)
                {
                    topic.publish(i);
                    published.incrementAndGet();
                }
            });
            publisher.start();
            try
            {
                // The subscriber holds event 0 in its handler, so the ring of 8 takes events 0 to 7, no more.
                Await.until("publisher parked on the full ring", () -> published.get() >= 8 &&
                    publisher.getState() == Thread.State.TIMED_WAITING);
                assertEquals(8, published.get(), "publisher did not wait for space");
            }
            finally
            {
                release.countDown();
            }
            publisher.join(Await.DEFAULT.toMillis());
            assertFalse(publisher.isAlive());
            Await.until("all handled", () -> handled.get() == 100);
        }
    }

    @Test
    void handlerPublishingIntoTheFullRingItDrainsFailsFast() throws Exception
    {
        try (Bus bus = newBus(Settings.defaults().ringSize(64)))
        {
            final Topic<Integer> topic = bus.topic("echo", Integer.class);
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final CountDownLatch failed = new CountDownLatch(1);
            topic.subscribe(e ->
            {
                try
                {
                    // Each event publishes two more: the ring fills while this thread is the one draining it.
                    topic.publish(e + 1);
                    topic.publish(e + 1);
                }
                catch (final ReentrantPublishException ex)
                {
                    failure.compareAndSet(null, ex);
                    failed.countDown();
                }
            });
            topic.publish(0);
            assertTrue(failed.await(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS), "no fail-fast: deadlock?");
            assertTrue(failure.get().getMessage().contains("echo"), failure.get().getMessage());
        }
    }

    // ---------------------------------------------------------------- shutdown

    @Test
    void closeDeliversEverythingAcceptedThenRefuses() throws Exception
    {
        final int events = 50_000;
        final AtomicInteger topicSeen = new AtomicInteger();
        final AtomicInteger queueSeen = new AtomicInteger();
        final Bus bus = newBus(Settings.defaults().ringSize(1 << 16));
        final Topic<Integer> topic = bus.topic("drain.topic", Integer.class);
        final Queue<Integer> queue = bus.queue("drain.queue", Integer.class);
        try
        {
            topic.subscribe(e ->
            {
                if (e % 10_000 == 0)
                {
                    Thread.sleep(5);
                }
                topicSeen.incrementAndGet();
            });
            queue.consume(e -> queueSeen.incrementAndGet());
            for (int i = 0; i < events; i++)
            {
                topic.publish(i);
                queue.send(i);
            }
        }
        finally
        {
            bus.close();
        }
        assertEquals(events, topicSeen.get());
        assertEquals(events, queueSeen.get());
        assertThrows(BusClosedException.class, () -> topic.publish(1));
        assertThrows(BusClosedException.class, () -> queue.send(1));
        assertThrows(BusClosedException.class, () -> bus.publish("x"));
        assertThrows(BusClosedException.class, () -> topic.tryPublish(1));
        assertThrows(BusClosedException.class, () -> bus.topic("new.after.close", String.class));
        final ExecutionException ex = assertThrows(ExecutionException.class,
            () -> bus.request("addr", "q", String.class, Duration.ofSeconds(1)).get(5, TimeUnit.SECONDS));
        assertInstanceOf(BusClosedException.class, ex.getCause());
        bus.close(); // idempotent
    }

    @Test
    void closeReleasesBlockedPublishers() throws Exception
    {
        final Bus bus = newBus(Settings.defaults().ringSize(4).errorHandler((c, d, e, h) -> { }));
        // Never released: the publisher stays blocked until close() frees it while the drain crawls.
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicReference<Throwable> outcome = new AtomicReference<>();
        final Thread publisher;
        try
        {
            final Topic<Integer> topic = bus.topic("stuck", Integer.class);
            topic.subscribe(e -> release.await(200, TimeUnit.MILLISECONDS));
            publisher = new Thread(() ->
            {
                try
                {
                    for (int i = 0; i < 1_000_000; i++)
                    {
                        topic.publish(i);
                    }
                }
                catch (final Throwable ex)
                {
                    outcome.set(ex);
                }
            });
            publisher.start();
            Await.until("ring full and publisher parked", () ->
                bus.stats().destination("stuck").orElseThrow().depth() >= 4 &&
                publisher.getState() == Thread.State.TIMED_WAITING);
        }
        finally
        {
            bus.close();
            release.countDown();
        }
        publisher.join(Await.DEFAULT.toMillis());
        assertFalse(publisher.isAlive(), "publisher still blocked after close");
        assertInstanceOf(BusClosedException.class, outcome.get());
    }

    // ---------------------------------------------------------------- request/reply

    @Test
    void requestGetsTheReply() throws Exception
    {
        try (Bus bus = newBus())
        {
            bus.respond("echo.upper", String.class, String::toUpperCase);
            assertEquals("HELLO", bus.request("echo.upper", "hello", String.class, Duration.ofSeconds(10))
                .get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void requestFailsAtOnceWithoutResponderAndTimesOutWithASilentOne() throws Exception
    {
        try (Bus bus = newBus())
        {
            final CompletableFuture<String> none = bus.request("nobody", "q", String.class, Duration.ofSeconds(10));
            final ExecutionException noResponder = assertThrows(ExecutionException.class, () -> none.get(1, TimeUnit.SECONDS));
            assertInstanceOf(NoResponderException.class, noResponder.getCause());

            final CountDownLatch release = new CountDownLatch(1);
            bus.respond("slow", String.class, q ->
            {
                release.await(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
                return q;
            });
            try
            {
                final CompletableFuture<String> slow = bus.request("slow", "q", String.class, Duration.ofMillis(50));
                final ExecutionException timeout = assertThrows(ExecutionException.class, () -> slow.get(30, TimeUnit.SECONDS));
                assertInstanceOf(TimeoutException.class, timeout.getCause());
            }
            finally
            {
                release.countDown();
            }
        }
    }

    @Test
    void requestToAFullAddressWaitsNoLongerThanItsTimeout() throws Exception
    {
        try (Bus bus = newBus(Settings.defaults().ringSize(2)))
        {
            final CountDownLatch release = new CountDownLatch(1);
            bus.respond("jammed", String.class, q ->
            {
                release.await(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
                return q;
            });
            final List<CompletableFuture<String>> futures = new CopyOnWriteArrayList<>();
            final Thread requester = new Thread(() ->
            {
                for (int i = 0; i < 5; i++)
                {
                    futures.add(bus.request("jammed", "q" + i, String.class, Duration.ofMillis(100)));
                }
            });
            try
            {
                requester.start();
                requester.join(Await.DEFAULT.toMillis());
                assertFalse(requester.isAlive(), "request() blocked on a full address past its timeout");
                final ExecutionException last = assertThrows(ExecutionException.class,
                    () -> futures.get(4).get(30, TimeUnit.SECONDS));
                assertInstanceOf(TimeoutException.class, last.getCause());
            }
            finally
            {
                release.countDown();
                requester.join(Await.DEFAULT.toMillis());
            }
        }
    }

    @Test
    void responderExceptionReachesTheRequester() throws Exception
    {
        try (Bus bus = newBus())
        {
            bus.respond("picky", Integer.class, q ->
            {
                throw new IllegalArgumentException("no " + q);
            });
            final ExecutionException ex = assertThrows(ExecutionException.class,
                () -> bus.request("picky", 3, String.class, Duration.ofSeconds(10)).get(30, TimeUnit.SECONDS));
            assertInstanceOf(IllegalArgumentException.class, ex.getCause());
            assertEquals("no 3", ex.getCause().getMessage());
        }
    }

    // ---------------------------------------------------------------- priorities

    @Test
    void consumerTakesTheHighestPriorityFirstAndFifoWithinOne() throws Exception
    {
        assumeTrue(queuesCarryDeliveryFeatures(), DELIVERY_FEATURES_SKIPPED);
        try (Bus bus = newBus())
        {
            final Queue<String> queue = bus.queue("prio.order", String.class);
            queue.send("p0-a");
            queue.send("p3-a", 3);
            queue.send("p7-a", Queue.MAX_PRIORITY);
            queue.send("p0-b", 0);
            queue.send("p3-b", 3);
            queue.send("p7-b", 7);
            queue.send("p0-c");
            final List<String> seen = new CopyOnWriteArrayList<>();
            queue.consume(seen::add);
            Await.until("seven messages", () -> seen.size() == 7);
            assertEquals(List.of("p7-a", "p7-b", "p3-a", "p3-b", "p0-a", "p0-b", "p0-c"), seen);
            final DestinationStats stats = bus.stats().destination("prio.order").orElseThrow();
            assertEquals(7, stats.published());
            Await.until("depth back to zero", () -> bus.stats().destination("prio.order").orElseThrow().depth() == 0);
        }
    }

    @Test
    void priorityOutOfRangeIsRefusedNamingTheRange()
    {
        assumeTrue(queuesCarryDeliveryFeatures(), DELIVERY_FEATURES_SKIPPED);
        try (Bus bus = newBus())
        {
            final Queue<String> queue = bus.queue("prio.bad", String.class);
            for (final int bad : new int[] {-1, Queue.MAX_PRIORITY + 1, Integer.MIN_VALUE})
            {
                final IllegalArgumentException ex =
                    assertThrows(IllegalArgumentException.class, () -> queue.send("x", bad));
                assertTrue(ex.getMessage().contains("priority") && ex.getMessage().contains("0 to") &&
                    ex.getMessage().contains(String.valueOf(bad)), ex.getMessage());
            }
            assertEquals("message", assertThrows(NullPointerException.class, () -> queue.send(null, 1)).getMessage());
            assertEquals(0, bus.stats().destination("prio.bad").orElseThrow().published());
        }
    }

    @Test
    void competingConsumersHandleEachPriorityMessageExactlyOnce() throws Exception
    {
        assumeTrue(queuesCarryDeliveryFeatures(), DELIVERY_FEATURES_SKIPPED);
        final int perSender = 5_000;
        try (Bus bus = newBus(Settings.defaults().ringSize(256)))
        {
            final Queue<Tick> queue = bus.queue("prio.compete", Tick.class);
            final Map<Tick, Integer> seen = new ConcurrentHashMap<>();
            for (int c = 0; c < 3; c++)
            {
                queue.consume(t -> seen.merge(t, 1, Integer::sum));
            }
            final List<Thread> senders = new ArrayList<>();
            for (int p = 0; p < 2; p++)
            {
                final int sender = p;
                senders.add(new Thread(() ->
                {
                    for (int i = 0; i < perSender; i++)
                    {
                        queue.send(new Tick(sender, i), i % (Queue.MAX_PRIORITY + 1));
                    }
                }));
            }
            senders.forEach(Thread::start);
            for (final Thread t : senders)
            {
                t.join(Await.DEFAULT.toMillis());
                assertFalse(t.isAlive(), "sender stuck");
            }
            Await.until(() -> "all handled, saw " + seen.size(), Await.DEFAULT, () -> seen.size() == 2 * perSender);
            Await.until("no message in flight", () ->
                bus.stats().destination("prio.compete").orElseThrow().delivered() == 2L * perSender);
            assertTrue(seen.values().stream().allMatch(n -> n == 1), "a message was handled twice");
        }
    }

    // ---------------------------------------------------------------- delayed delivery

    @Test
    void delayedMessagesAreNeverEarly() throws Exception
    {
        assumeTrue(queuesCarryDeliveryFeatures(), DELIVERY_FEATURES_SKIPPED);
        try (Bus bus = newBus())
        {
            final Queue<Long> queue = bus.queue("delay.early", Long.class);
            final Map<Long, Long> handledAt = new ConcurrentHashMap<>();
            queue.consume(deadline -> handledAt.put(deadline, System.nanoTime()));
            final List<Long> deadlines = new ArrayList<>();
            for (int i = 0; i < 20; i++)
            {
                final Duration delay = Duration.ofMillis(5L * (i % 10));
                final long deadline = System.nanoTime() + delay.toNanos();
                deadlines.add(deadline);
                final ScheduledMessage handle = queue.sendAfter(deadline, delay);
                assertNotNull(handle);
            }
            final Instant when = Instant.now().plusMillis(30);
            final Map<String, Instant> at = new ConcurrentHashMap<>();
            final Queue<String> wall = bus.queue("delay.at", String.class);
            wall.consume(m -> at.put(m, Instant.now()));
            wall.sendAt("at", when);
            wall.sendAt("past", Instant.now().minusSeconds(60));
            Await.until("all delayed messages", () -> handledAt.size() == deadlines.size() && at.size() == 2);
            for (final long deadline : deadlines)
            {
                assertTrue(handledAt.get(deadline) - deadline >= 0,
                    "handled " + (deadline - handledAt.get(deadline)) + " ns before its deadline");
            }
            assertFalse(at.get("at").isBefore(when), "sendAt delivered at " + at.get("at") + " before " + when);
        }
    }

    @Test
    void cancelledDelayedMessageIsNeverDelivered() throws Exception
    {
        assumeTrue(queuesCarryDeliveryFeatures(), DELIVERY_FEATURES_SKIPPED);
        try (Bus bus = newBus())
        {
            final Queue<String> queue = bus.queue("delay.cancel", String.class);
            final List<String> seen = new CopyOnWriteArrayList<>();
            queue.consume(seen::add);
            // Long enough that the cancel below surely comes first, even on a loaded machine.
            final ScheduledMessage later = queue.sendAfter("cancelled", Duration.ofSeconds(1));
            final ScheduledMessage soon = queue.sendAfter("kept", Duration.ofMillis(1));
            assertTrue(later.isPending());
            assertTrue(later.cancel());
            assertFalse(later.cancel(), "cancelled twice");
            assertFalse(later.isPending());
            Await.until("the kept message", () -> seen.contains("kept"));
            assertFalse(soon.isPending());
            assertFalse(soon.cancel(), "cancelled a message already delivered");
            // A third message due after the cancelled one proves the timer went past its deadline.
            queue.sendAfter("after", Duration.ofMillis(1_050));
            Await.until("the message due after the cancelled one", () -> seen.contains("after"));
            assertEquals(List.of("kept", "after"), seen);
            final DestinationStats stats = bus.stats().destination("delay.cancel").orElseThrow();
            assertEquals(2, stats.published(), "a cancelled message is not counted as accepted");
            assertEquals(0, stats.delayed());
        }
    }

    @Test
    void delayArgumentsAreChecked()
    {
        assumeTrue(queuesCarryDeliveryFeatures(), DELIVERY_FEATURES_SKIPPED);
        try (Bus bus = newBus())
        {
            final Queue<String> queue = bus.queue("delay.args", String.class);
            assertThrows(IllegalArgumentException.class, () -> queue.sendAfter("x", Duration.ofMillis(-1)));
            assertEquals("delay", assertThrows(NullPointerException.class, () -> queue.sendAfter("x", null)).getMessage());
            assertEquals("when", assertThrows(NullPointerException.class, () -> queue.sendAt("x", null)).getMessage());
            assertEquals("message",
                assertThrows(NullPointerException.class, () -> queue.sendAfter(null, Duration.ZERO)).getMessage());
        }
    }

    @Test
    void closeDeliversDelayedMessagesDueWithinItsTimeoutAndReportsTheRest() throws Exception
    {
        assumeTrue(queuesCarryDeliveryFeatures(), DELIVERY_FEATURES_SKIPPED);
        final List<Object> reported = new CopyOnWriteArrayList<>();
        final List<String> seen = new CopyOnWriteArrayList<>();
        final Bus bus = newBus(Settings.defaults().errorHandler((cause, destination, event, handler) ->
        {
            if (cause instanceof BusClosedException)
            {
                reported.add(event);
            }
        }));
        try
        {
            final Queue<String> queue = bus.queue("delay.close", String.class);
            queue.consume(seen::add);
            queue.sendAfter("soon", Duration.ofMillis(100));
            queue.sendAfter("much later", Duration.ofHours(1));
        }
        finally
        {
            bus.close();
        }
        assertEquals(List.of("soon"), seen, "close did not deliver the message due within its timeout");
        assertEquals(List.of("much later"), reported, "the message past the close timeout was not reported");
        assertThrows(BusClosedException.class,
            () -> bus.queue("delay.close", String.class).sendAfter("x", Duration.ofMillis(1)));
    }

    // ---------------------------------------------------------------- retries and dead letters

    @Test
    void failingMessageIsRetriedThenDeadLetteredWithItsAttempts() throws Exception
    {
        assumeTrue(queuesCarryDeliveryFeatures(), DELIVERY_FEATURES_SKIPPED);
        try (Bus bus = newBus())
        {
            final Queue<String> queue = bus.queue("retry.dead", String.class,
                QueueOptions.defaults().retry(RetryPolicy.fixed(3, Duration.ofMillis(2))));
            final AtomicInteger calls = new AtomicInteger();
            queue.consume(m ->
            {
                calls.incrementAndGet();
                throw new IllegalStateException("refused " + m);
            });
            final List<DeadLetter<String>> letters = new CopyOnWriteArrayList<>();
            queue.deadLetters().consume(letters::add);
            queue.send("m1");
            Await.until("one dead letter", () -> letters.size() == 1);
            final DeadLetter<String> letter = letters.get(0);
            assertEquals("m1", letter.message());
            assertEquals(3, letter.attempts());
            assertInstanceOf(IllegalStateException.class, letter.cause());
            assertEquals("refused m1", letter.cause().getMessage());
            assertEquals(3, calls.get());
            final DestinationStats stats = bus.stats().destination("retry.dead").orElseThrow();
            assertEquals(1, stats.published());
            assertEquals(0, stats.delivered());
            assertEquals(3, stats.failures());
            assertEquals(2, stats.retries());
            assertEquals(1, stats.deadLettered());
            assertEquals(0, stats.delayed());
            assertEquals("retry.dead.dlq", queue.deadLetters().name());
            assertSame(queue.deadLetters(), bus.queue("retry.dead.dlq", DeadLetter.class));
            assertTrue(bus.stats().toString().contains("retries"), bus.stats().toString());
        }
    }

    @Test
    void retriedMessageThatSucceedsIsHandledOnce() throws Exception
    {
        assumeTrue(queuesCarryDeliveryFeatures(), DELIVERY_FEATURES_SKIPPED);
        try (Bus bus = newBus())
        {
            final Queue<String> queue = bus.queue("retry.ok", String.class,
                QueueOptions.defaults().retry(RetryPolicy.exponential(5, Duration.ofMillis(1), Duration.ofMillis(4))));
            final AtomicInteger calls = new AtomicInteger();
            final List<String> handled = new CopyOnWriteArrayList<>();
            queue.consume(m ->
            {
                if (calls.incrementAndGet() < 3)
                {
                    throw new IllegalStateException("not yet");
                }
                handled.add(m);
            });
            queue.send("m");
            Await.until("handled", () -> handled.size() == 1);
            Await.until("counted", () -> bus.stats().destination("retry.ok").orElseThrow().delivered() == 1);
            final DestinationStats stats = bus.stats().destination("retry.ok").orElseThrow();
            assertEquals(2, stats.retries());
            assertEquals(0, stats.deadLettered());
            assertEquals(2, stats.failures());
            assertEquals(1, stats.published());
            assertFalse(bus.stats().destination("retry.ok.dlq").isPresent(), "a dead-letter queue was made for nothing");
        }
    }

    @Test
    void withoutARetryPolicyAFailedMessageIsDeadLetteredAtOnce() throws Exception
    {
        assumeTrue(queuesCarryDeliveryFeatures(), DELIVERY_FEATURES_SKIPPED);
        try (Bus bus = newBus())
        {
            final Queue<Integer> queue = bus.queue("retry.none", Integer.class);
            assertEquals(QueueOptions.defaults(), queue.options());
            queue.consume(m ->
            {
                throw new IllegalArgumentException("bad " + m);
            });
            queue.send(7);
            @SuppressWarnings("rawtypes")
            final Queue<DeadLetter> dlq = bus.queue("retry.none.dlq", DeadLetter.class);
            final List<DeadLetter<?>> letters = new CopyOnWriteArrayList<>();
            dlq.consume(letters::add);
            Await.until("the dead letter", () -> letters.size() == 1);
            assertEquals(7, letters.get(0).message());
            assertEquals(1, letters.get(0).attempts());
        }
    }

    @Test
    void queueOptionsAreFixedWhenTheQueueIsDeclared()
    {
        assumeTrue(queuesCarryDeliveryFeatures(), DELIVERY_FEATURES_SKIPPED);
        try (Bus bus = newBus())
        {
            final QueueOptions options = QueueOptions.defaults().retry(RetryPolicy.fixed(2, Duration.ofMillis(1)));
            final Queue<String> queue = bus.queue("declared", String.class, options);
            assertSame(queue, bus.queue("declared", String.class), "taking a queue by name must not need its options");
            assertSame(queue, bus.queue("declared", String.class, options));
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> bus.queue("declared", String.class, QueueOptions.defaults()));
            assertTrue(ex.getMessage().contains("declared"), ex.getMessage());
            assertThrows(IllegalArgumentException.class, () -> QueueOptions.defaults().starvationGuard(-1));
        }
    }

    @Test
    void alwaysFailingMessagesUnderLoadEndExactlyOnceAndOthersGoOn() throws Exception
    {
        assumeTrue(queuesCarryDeliveryFeatures(), DELIVERY_FEATURES_SKIPPED);
        final int messages = 2_000;
        try (Bus bus = newBus(Settings.defaults().ringSize(256)))
        {
            final Queue<Integer> queue = bus.queue("load.fail", Integer.class,
                QueueOptions.defaults().retry(RetryPolicy.fixed(3, Duration.ZERO)));
            final Map<Integer, Integer> handled = new ConcurrentHashMap<>();
            final Map<Integer, Integer> attemptsOfDead = new ConcurrentHashMap<>();
            for (int c = 0; c < 2; c++)
            {
                queue.consume(m ->
                {
                    if (m % 2 == 0)
                    {
                        if (m % 4 == 0)
                        {
                            throw new Error("always fails " + m); // an Error, not only exceptions
                        }
                        throw new IllegalStateException("always fails " + m);
                    }
                    handled.merge(m, 1, Integer::sum);
                });
            }
            queue.deadLetters().consume(d -> attemptsOfDead.merge(d.message(), d.attempts(), (a, b) -> -1));
            final Topic<Integer> other = bus.topic("load.other", Integer.class);
            final AtomicInteger otherSeen = new AtomicInteger();
            other.subscribe(e -> otherSeen.incrementAndGet());
            for (int i = 0; i < messages; i++)
            {
                queue.send(i);
                other.publish(i);
            }
            Await.until(() -> "every message ended: handled " + handled.size() + ", dead " + attemptsOfDead.size(),
                Await.DEFAULT, () -> handled.size() + attemptsOfDead.size() == messages);
            Await.until("the other subscriber saw everything", () -> otherSeen.get() == messages);
            for (int i = 0; i < messages; i++)
            {
                if (i % 2 == 0)
                {
                    assertEquals(3, attemptsOfDead.get(i), "attempts of dead letter " + i);
                    assertFalse(handled.containsKey(i));
                }
                else
                {
                    assertEquals(1, handled.get(i), "times " + i + " was handled");
                    assertFalse(attemptsOfDead.containsKey(i));
                }
            }
            Await.until("counters settle", () -> bus.stats().destination("load.fail").orElseThrow().delivered() ==
                messages / 2);
            final DestinationStats stats = bus.stats().destination("load.fail").orElseThrow();
            assertEquals(stats.published(), stats.delivered() + stats.deadLettered() + stats.depth() + stats.delayed(),
                "accepted = handled + dead-lettered + in flight: " + stats);
            assertEquals(messages / 2, stats.deadLettered());
            assertEquals(messages, stats.retries(), "two retries per failing message");
            assertEquals(stats.failures(), stats.retries() + stats.deadLettered());
        }
    }

    // ---------------------------------------------------------------- request/reply with a callback

    @Test
    void requestCallbackGetsEachOutcomeExactlyOnce() throws Exception
    {
        try (Bus bus = newBus())
        {
            bus.respond("cb.upper", String.class, String::toUpperCase);
            bus.respond("cb.picky", String.class, q ->
            {
                throw new IllegalArgumentException("no " + q);
            });
            final CountDownLatch release = new CountDownLatch(1);
            bus.respond("cb.slow", String.class, q ->
            {
                release.await(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
                return q;
            });
            try
            {
                final Map<String, List<Object>> outcomes = new ConcurrentHashMap<>();
                final ReplyCallback<String> reply = (r, f) -> outcomes.computeIfAbsent("reply",
                    k -> new CopyOnWriteArrayList<>()).add(f == null ? r : f);
                final ReplyCallback<String> picky = (r, f) -> outcomes.computeIfAbsent("picky",
                    k -> new CopyOnWriteArrayList<>()).add(f == null ? r : f);
                final ReplyCallback<String> slow = (r, f) -> outcomes.computeIfAbsent("slow",
                    k -> new CopyOnWriteArrayList<>()).add(f == null ? r : f);
                final ReplyCallback<String> none = (r, f) -> outcomes.computeIfAbsent("none",
                    k -> new CopyOnWriteArrayList<>()).add(f == null ? r : f);
                bus.request("cb.upper", "hello", String.class, Duration.ofSeconds(10), reply);
                bus.request("cb.picky", "x", String.class, Duration.ofSeconds(10), picky);
                bus.request("cb.nobody", "x", String.class, Duration.ofSeconds(10), none);
                assertEquals(1, outcomes.get("none").size(), "NoResponderException must come at once");
                // The slow responder holds its dispatcher thread, which the others may share: ask it last.
                Await.until(() -> "three outcomes: " + outcomes, Await.DEFAULT, () -> outcomes.size() == 3);
                bus.request("cb.slow", "x", String.class, Duration.ofMillis(20), slow);
                Await.until(() -> "four outcomes: " + outcomes, Await.DEFAULT, () -> outcomes.size() == 4);
                assertEquals(List.of("HELLO"), outcomes.get("reply"));
                assertInstanceOf(IllegalArgumentException.class, outcomes.get("picky").get(0));
                assertInstanceOf(TimeoutException.class, outcomes.get("slow").get(0));
                assertInstanceOf(NoResponderException.class, outcomes.get("none").get(0));
                release.countDown();
                // The slow responder's late answer must not call the callback again.
                bus.request("cb.slow", "probe", String.class, Duration.ofSeconds(10), slow);
                Await.until("the probe answered", () -> outcomes.get("slow").size() == 2);
                assertEquals("probe", outcomes.get("slow").get(1));
                for (final List<Object> list : List.of(outcomes.get("reply"), outcomes.get("picky"), outcomes.get("none")))
                {
                    assertEquals(1, list.size(), "called more than once: " + outcomes);
                }
            }
            finally
            {
                release.countDown();
            }
        }
    }

    @Test
    void manyRequestsToDeadAndSlowRespondersAllComplete() throws Exception
    {
        final int requests = 300;
        try (Bus bus = newBus(Settings.defaults().ringSize(64)))
        {
            bus.respond("dead.one", Integer.class, q ->
            {
                throw new IllegalStateException("dead");
            });
            final CountDownLatch release = new CountDownLatch(1);
            bus.respond("slow.one", Integer.class, q ->
            {
                release.await(5, TimeUnit.MILLISECONDS);
                return q;
            });
            final List<CompletableFuture<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++)
            {
                futures.add(bus.request(i % 2 == 0 ? "dead.one" : "slow.one", i, Integer.class, Duration.ofMillis(30)));
            }
            for (final CompletableFuture<Integer> f : futures)
            {
                try
                {
                    f.get(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
                }
                catch (final ExecutionException ex)
                {
                    assertTrue(ex.getCause() instanceof IllegalStateException || ex.getCause() instanceof TimeoutException,
                        "unexpected failure " + ex.getCause());
                }
            }
            release.countDown();
            assertTrue(futures.stream().allMatch(CompletableFuture::isDone));
        }
    }

    // ---------------------------------------------------------------- annotations

    public static class Base
    {
        final List<Object> got = new CopyOnWriteArrayList<>();

        @Subscribe
        void onCircle(final Circle c)
        {
            got.add(c);
        }
    }

    public interface Pricing
    {
        @Respond(address = "price.of")
        Integer price(String item);
    }

    public static class Listener extends Base implements Pricing
    {
        @Subscribe(topic = "news.#")
        void onNews(final String s)
        {
            got.add(s);
        }

        @Consume(queue = "jobs")
        void onJob(final Integer job)
        {
            got.add(job);
        }

        @Override
        public Integer price(final String item)
        {
            return item.length();
        }
    }

    @Test
    void registerWiresInheritedAnnotatedMethodsAndCloseUnwiresThem() throws Exception
    {
        try (Bus bus = newBus())
        {
            final Listener listener = new Listener();
            final Registration registration = bus.register(listener);
            bus.publish(new Circle(3));
            bus.topic("news.today", String.class).publish("headline");
            bus.queue("jobs", Integer.class).send(42);
            assertEquals(5, bus.request("price.of", "apple", Integer.class, Duration.ofSeconds(10)).get(30, TimeUnit.SECONDS));
            Await.until("three events at the listener", () -> listener.got.size() == 3);
            assertEquals(Set.of(new Circle(3), "headline", 42), Set.copyOf(listener.got));

            registration.close();
            bus.publish(new Circle(4));
            assertEquals(1, bus.stats().deadEvents(), "a Circle still had a subscriber after unwiring");
            bus.topic("news.today", String.class).publish("later");
            assertEquals(1, bus.stats().destination("news.today").orElseThrow().unrouted(),
                "news.today still had a subscriber after unwiring");
            assertEquals(0, bus.stats().destination("jobs").orElseThrow().subscribers());
            final CompletableFuture<Integer> after = bus.request("price.of", "pear", Integer.class, Duration.ofSeconds(10));
            final ExecutionException ex = assertThrows(ExecutionException.class, () -> after.get(30, TimeUnit.SECONDS));
            assertInstanceOf(NoResponderException.class, ex.getCause());
            assertEquals(3, listener.got.size(), "unwired methods still called: " + listener.got);
        }
    }

    public static class Malformed
    {
        @Subscribe
        void twoArgs(final String a, final String b)
        {
        }
    }

    @Test
    void malformedListenerIsRefusedWithTheMethodNamed()
    {
        try (Bus bus = newBus())
        {
            final IllegalArgumentException ex =
                assertThrows(IllegalArgumentException.class, () -> bus.register(new Malformed()));
            assertTrue(ex.getMessage().contains("twoArgs"), ex.getMessage());
            final IllegalArgumentException none =
                assertThrows(IllegalArgumentException.class, () -> bus.register(new Object()));
            assertTrue(none.getMessage().contains("no @Subscribe"), none.getMessage());
        }
    }

    // ---------------------------------------------------------------- misuse and stats

    @Test
    void nullArgumentsAreNamed()
    {
        try (Bus bus = newBus())
        {
            final Topic<String> topic = bus.topic("t", String.class);
            final Queue<String> queue = bus.queue("q", String.class);
            assertEquals("event", assertThrows(NullPointerException.class, () -> bus.publish(null)).getMessage());
            assertEquals("event", assertThrows(NullPointerException.class, () -> topic.publish(null)).getMessage());
            assertEquals("event", assertThrows(NullPointerException.class, () -> topic.tryPublish(null)).getMessage());
            assertEquals("message", assertThrows(NullPointerException.class, () -> queue.send(null)).getMessage());
            assertEquals("handler", assertThrows(NullPointerException.class, () -> topic.subscribe(null)).getMessage());
            assertEquals("listener", assertThrows(NullPointerException.class, () -> bus.register(null)).getMessage());
            assertThrows(IllegalArgumentException.class,
                () -> bus.request("t", "x", String.class, Duration.ZERO));
        }
    }

    @Test
    void statsCountPublishedDeliveredAndDepth() throws Exception
    {
        try (Bus bus = newBus())
        {
            final Queue<Integer> queue = bus.queue("counted", Integer.class);
            for (int i = 0; i < 10; i++)
            {
                queue.send(i);
            }
            DestinationStats stats = bus.stats().destination("counted").orElseThrow();
            assertEquals(10, stats.published());
            assertEquals(10, stats.depth());
            assertEquals(0, stats.delivered());
            final AtomicInteger handled = new AtomicInteger();
            queue.consume(e -> handled.incrementAndGet());
            Await.until("ten handled", () -> handled.get() == 10);
            Await.until("depth back to zero", () -> bus.stats().destination("counted").orElseThrow().depth() == 0);
            stats = bus.stats().destination("counted").orElseThrow();
            assertEquals(10, stats.delivered());
            assertEquals(1, stats.subscribers());
            final String text = bus.stats().toString();
            assertTrue(text.contains("counted"), text);
            assertTrue(text.contains("published"), text);
        }
    }
}
