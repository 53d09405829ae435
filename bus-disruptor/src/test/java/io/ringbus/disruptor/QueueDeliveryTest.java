package io.ringbus.disruptor;

import io.ringbus.Ringbus;
import io.ringbus.api.Await;
import io.ringbus.api.Bus;
import io.ringbus.api.BusClosedException;
import io.ringbus.api.DestinationStats;
import io.ringbus.api.IdleStrategyKind;
import io.ringbus.api.NoResponderException;
import io.ringbus.api.Queue;
import io.ringbus.api.QueueOptions;
import io.ringbus.api.ReplyCallback;
import io.ringbus.api.RetryPolicy;
import io.ringbus.api.ScheduledMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The in-process engine's side of priorities, delays, retries and request/reply: the timer thread's life, the
 * manual clock, the starvation guard, and that nothing (correlation entry, timer) is left behind.
 */
class QueueDeliveryTest
{
    @AfterEach
    void noThreadOutlivesItsBus()
    {
        Await.until(() -> "ringbus threads still alive: " + ThreadingTest.ringbusThreads(), Await.DEFAULT,
            () -> ThreadingTest.ringbusThreads().isEmpty());
    }

    private static void awaitNothingLeftBehind(final DisruptorBus bus)
    {
        Await.until(() -> "correlation entries " + bus.requestEntriesInUse() + ", timers " + bus.timers(),
            Await.DEFAULT, () -> bus.requestEntriesInUse() == 0 && bus.timers() == 0);
    }

    // ---------------------------------------------------------------- the timer thread

    @Test
    void timerThreadStartsWithTheFirstDelayAndStopsWithTheBus() throws Exception
    {
        final DisruptorBus bus = (DisruptorBus)Ringbus.create();
        try
        {
            final Queue<String> queue = bus.queue("timer.life", String.class);
            queue.send("plain");
            queue.send("urgent", 5);
            assertFalse(bus.timerRunning(), "an idle bus, or one without delays, runs no timer thread");
            assertFalse(ThreadingTest.ringbusThreads().contains("ringbus-timer"));
            final List<String> seen = new CopyOnWriteArrayList<>();
            queue.consume(seen::add);
            queue.sendAfter("later", Duration.ofMillis(1));
            Await.until("the timer thread runs", bus::timerRunning);
            Await.until("three messages", () -> seen.size() == 3);
            assertEquals(List.of("urgent", "plain", "later"), seen);
        }
        finally
        {
            bus.close();
        }
        assertFalse(bus.timerRunning());
    }

    @Test
    void timerTickIsConfigurableAndRoundedToAPowerOfTwo()
    {
        try (Bus bus = Ringbus.builder().timerTick(Duration.ofMillis(2)).build())
        {
            assertEquals(1L << 21, ((DisruptorBus)bus).config().timerTickNanos());
        }
        try (Bus bus = Ringbus.create())
        {
            assertEquals(1L << 20, ((DisruptorBus)bus).config().timerTickNanos(), "the default tick is 2^20 ns");
        }
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> Ringbus.builder().timerTick(Duration.ofNanos(10)).build());
        assertTrue(ex.getMessage().contains("timerTick"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ringbus.builder().timerTick(Duration.ofSeconds(5)).build());
    }

    // ---------------------------------------------------------------- delays on a manual clock

    @Test
    void delayedMessageIsNeverEarlyAndComesWithoutTheClockMovingPastItsDeadline() throws Exception
    {
        final ManualClock clock = new ManualClock();
        try (Bus bus = Ringbus.builder().clock(clock).build())
        {
            final Queue<String> queue = bus.queue("manual.delay", String.class);
            final List<String> seen = new CopyOnWriteArrayList<>();
            queue.consume(seen::add);
            final ScheduledMessage main = queue.sendAfter("main", Duration.ofMinutes(5));
            queue.sendAfter("probe", Duration.ofMinutes(5).minusNanos(2));
            clock.advance(Duration.ofMinutes(5).minusNanos(1));
            // The probe, due a nanosecond earlier, proves the timer has polled at this time.
            Await.until("the probe", () -> seen.contains("probe"));
            assertEquals(List.of("probe"), seen, "the main message came before its deadline");
            assertTrue(main.isPending());
            clock.advance(Duration.ofNanos(1));
            Await.until("the main message at its deadline, the clock not moving further", () -> seen.contains("main"));
            assertFalse(main.isPending());
        }
    }

    @Test
    void sendAtUsesTheBusClock() throws Exception
    {
        final ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));
        try (Bus bus = Ringbus.builder().clock(clock).build())
        {
            final Queue<String> queue = bus.queue("manual.at", String.class);
            final List<String> seen = new CopyOnWriteArrayList<>();
            queue.consume(seen::add);
            queue.sendAt("new year's morning", Instant.parse("2030-01-01T08:00:00Z"));
            queue.sendAt("in the past", Instant.parse("2029-12-31T00:00:00Z"));
            Await.until("the past one at once", () -> seen.contains("in the past"));
            queue.sendAfter("probe", Duration.ofHours(8).minusNanos(1));
            clock.advance(Duration.ofHours(8).minusNanos(1));
            Await.until("the probe", () -> seen.contains("probe"));
            assertEquals(List.of("in the past", "probe"), seen);
            clock.advance(Duration.ofNanos(1));
            Await.until("the morning message", () -> seen.size() == 3);
        }
    }

    @Test
    void retryWaitsForItsBackoffOnTheTimer() throws Exception
    {
        final ManualClock clock = new ManualClock();
        try (Bus bus = Ringbus.builder().clock(clock).build())
        {
            final Queue<String> queue = bus.queue("manual.retry", String.class,
                QueueOptions.defaults().retry(RetryPolicy.fixed(2, Duration.ofMinutes(1))));
            final AtomicInteger attempts = new AtomicInteger();
            final List<String> seen = new CopyOnWriteArrayList<>();
            queue.consume(m ->
            {
                if (m.equals("probe"))
                {
                    seen.add(m);
                    return;
                }
                if (attempts.incrementAndGet() == 1)
                {
                    throw new IllegalStateException("first attempt fails");
                }
                seen.add(m);
            });
            queue.send("job");
            Await.until("the first attempt", () -> attempts.get() == 1);
            Await.until("the retry scheduled", () -> bus.stats().destination("manual.retry").orElseThrow().delayed() == 1);
            queue.sendAfter("probe", Duration.ofMinutes(1).minusNanos(1));
            clock.advance(Duration.ofMinutes(1).minusNanos(1));
            Await.until("the probe", () -> seen.contains("probe"));
            assertEquals(1, attempts.get(), "retried before its backoff");
            clock.advance(Duration.ofNanos(1));
            Await.until("the retry", () -> seen.contains("job"));
            assertEquals(2, attempts.get());
            final DestinationStats stats = bus.stats().destination("manual.retry").orElseThrow();
            assertEquals(1, stats.retries());
            assertEquals(0, stats.delayed());
        }
    }

    /**
     * Not an assertion on speed: the lateness is printed for the report; the assertion is only "never early".
     */
    @Test
    void delayLatenessOnTheSystemClockIsMeasured() throws Exception
    {
        final int count = 200;
        try (Bus bus = Ringbus.create())
        {
            final Queue<Long> queue = bus.queue("lateness", Long.class);
            final long[] late = new long[count];
            final AtomicInteger handled = new AtomicInteger();
            queue.consume(deadline ->
            {
                late[handled.get()] = System.nanoTime() - deadline;
                handled.incrementAndGet();
            });
            for (int i = 0; i < count; i++)
            {
                final Duration delay = Duration.ofMillis(2 + i % 10);
                queue.sendAfter(System.nanoTime() + delay.toNanos(), delay);
            }
            Await.until("all handled", () -> handled.get() == count);
            Arrays.sort(late);
            assertTrue(late[0] >= 0, "a message came " + -late[0] + " ns early");
            final long tick = ((DisruptorBus)bus).config().timerTickNanos();
            System.out.printf("delay lateness over %d messages (tick %d ns): p50 %.3f ms, p99 %.3f ms, max %.3f ms " +
                "(%.1f ticks)%n", count, tick, late[count / 2] / 1e6, late[count * 99 / 100] / 1e6,
                late[count - 1] / 1e6, late[count - 1] / (double)tick);
        }
    }

    @Test
    void retryStillWaitingAtCloseIsReported() throws Exception
    {
        final List<Throwable> reported = new CopyOnWriteArrayList<>();
        final AtomicInteger attempts = new AtomicInteger();
        final Bus bus = Ringbus.builder()
            .closeTimeout(Duration.ofMillis(200))
            .errorHandler((cause, destination, event, handler) -> reported.add(cause))
            .build();
        try
        {
            final Queue<String> queue = bus.queue("close.retry", String.class,
                QueueOptions.defaults().retry(RetryPolicy.fixed(2, Duration.ofHours(1))));
            queue.consume(m ->
            {
                attempts.incrementAndGet();
                throw new IllegalStateException("fails");
            });
            queue.send("m");
            Await.until("the retry scheduled", () -> bus.stats().destination("close.retry").orElseThrow().delayed() == 1);
        }
        finally
        {
            bus.close();
        }
        assertEquals(1, attempts.get());
        assertEquals(2, reported.size(), "the failure, then the retry lost to close: " + reported);
        assertInstanceOf(BusClosedException.class, reported.get(1));
        assertTrue(reported.get(1).getMessage().contains("retry"), reported.get(1).getMessage());
    }

    @Test
    void fullDeadLetterQueueWithoutConsumerCountsWhatItDrops() throws Exception
    {
        try (Bus bus = Ringbus.builder().ringSize(4).errorHandler((cause, destination, event, handler) -> { }).build())
        {
            final Queue<Integer> queue = bus.queue("dlq.full", Integer.class);
            queue.consume(m ->
            {
                throw new IllegalStateException("fails");
            });
            for (int i = 0; i < 10; i++)
            {
                queue.send(i);
            }
            Await.until("all dead-lettered", () -> bus.stats().destination("dlq.full").orElseThrow().deadLettered() == 10);
            // The source counts a dead letter before it offers it to the dead-letter queue: wait for both ends.
            Await.until("every dead letter kept or dropped", () ->
            {
                final DestinationStats d = bus.stats().destination("dlq.full.dlq").orElseThrow();
                return d.published() + d.unrouted() == 10;
            });
            final DestinationStats dlq = bus.stats().destination("dlq.full.dlq").orElseThrow();
            assertEquals(4, dlq.published(), "the dead-letter queue holds its capacity");
            assertEquals(6, dlq.unrouted(), "the rest are counted as dropped");
        }
    }

    // ---------------------------------------------------------------- priorities

    @Test
    void plainSendsKeepOneLane()
    {
        try (Bus bus = Ringbus.create())
        {
            final Queue<String> queue = bus.queue("one.lane", String.class);
            queue.send("a");
            queue.send("b", 0);
            queue.trySend("c");
            assertEquals(1, ((RingQueue<?>)queue).lanes.length, "priority 0 must not make a lane");
            queue.send("d", 3);
            assertEquals(2, ((RingQueue<?>)queue).lanes.length);
        }
    }

    @Test
    void strictPriorityStarvesLowerLanesWhileHigherOnesHaveMessages() throws Exception
    {
        assertEquals(List.of(7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 0, 0, 0), order(0, 10, 3));
    }

    @Test
    void starvationGuardLetsALowerPriorityThroughAfterNHigherTakes() throws Exception
    {
        final List<Integer> order = order(4, 10, 3);
        assertEquals(List.of(7, 7, 7, 7, 0, 7, 7, 7, 7, 0, 7, 7, 0), order);
    }

    @Test
    void aLaneMadeInTheMiddleOfABatchIsTakenAtTheNextMessage() throws Exception
    {
        // One lane: the consumer polls lane 0 alone, in batches of up to QueueConsumer.BATCH_LIMIT messages.
        assertEquals(List.of(0, 70, 1, 2, 3, 4), takenAroundANewLane(false));
    }

    @Test
    void aLaneMadeWhileOtherLanesAreInUseIsTakenAtTheNextMessage() throws Exception
    {
        // Two lanes: the consumer tries each per message, the new one too although the batch began without it.
        assertEquals(List.of(30, 0, 70, 1, 2, 3, 4), takenAroundANewLane(true));
    }

    /**
     * One consumer attached to a queue holding messages 0 to 4 at priority 0 (and 30 at priority 3), so that it
     * takes them in one batch; the handler of message 0 sends 70 at priority 7, never used before.
     *
     * @return the messages in the order they were handled.
     */
    private static List<Integer> takenAroundANewLane(final boolean twoLanes) throws Exception
    {
        try (Bus bus = Ringbus.create())
        {
            final Queue<Integer> queue = bus.queue("new.lane", Integer.class);
            for (int i = 0; i < 5; i++)
            {
                queue.send(i);
            }
            if (twoLanes)
            {
                queue.send(30, 3);
            }
            final List<Integer> seen = new CopyOnWriteArrayList<>();
            queue.consume(m ->
            {
                seen.add(m);
                if (m == 0)
                {
                    queue.send(70, 7);
                }
            });
            final int expected = twoLanes ? 7 : 6;
            Await.until(() -> "all taken: " + seen, Await.DEFAULT, () -> seen.size() == expected);
            return new ArrayList<>(seen);
        }
    }

    @Test
    void aConsumerBusyWithAHigherLaneDoesNotHoldALowerOneBack()
    {
        final Lane high = new Lane(7, 8);
        final Lane low = new Lane(0, 8);
        final Lane[] lanes = {high, low};
        final LaneTake a = new LaneTake(0);
        final LaneTake b = new LaneTake(0);
        for (final LaneTake take : List.of(a, b))
        {
            high.gate.add(take.positions[7]);
            low.gate.add(take.positions[0]);
        }
        publish(low, "low");
        assertEquals(0, b.next(lanes), "b takes the low message");
        assertEquals(WorkClaim.NONE, b.next(lanes), "b handled it and finds nothing more");
        publish(high, "high");
        assertEquals(0, a.next(lanes), "a takes the high message without looking at the low lane");
        assertEquals(high, a.lane);
        assertEquals(0, low.gate.get(), "nobody holds the low lane back at a message b took long ago");
    }

    // ---------------------------------------------------------------- positions and depth

    @Test
    void anIdleConsumerHoldsNeitherTheRingNorTheDepthBack()
    {
        final Lane lane = new Lane(0, 8);
        final Lane[] lanes = {lane};
        final LaneTake a = new LaneTake(0);
        final LaneTake b = new LaneTake(0);
        lane.gate.add(a.positions[0]);
        lane.gate.add(b.positions[0]);
        publish(lane, "m0");
        assertEquals(0, a.next(lanes));
        assertEquals(-1, lane.gate.get(), "a holds the message in its hands");
        assertEquals(WorkClaim.NONE, a.next(lanes), "a handled it and finds nothing more");
        for (int i = 1; i <= 5; i++)
        {
            publish(lane, "m" + i);
            assertEquals(i, b.next(lanes));
        }
        b.letGo(lanes);
        assertEquals(5, lane.gate.get(), "a, idle since message 0, must not hold the ring back there");
        assertEquals(0, lane.depth(), "every message was handled");
    }

    @Test
    void aConsumerLetsGoOfItsLastMessageWhenItsBatchEnds()
    {
        // No dispatcher thread: the test polls the consumer itself, one batch.
        final DisruptorBus bus = (DisruptorBus)Ringbus.builder().ringSize(512).build();
        try
        {
            final RingQueue<Integer> queue = (RingQueue<Integer>)bus.queue("batch.end", Integer.class);
            final int sent = QueueConsumer.BATCH_LIMIT + 10;
            for (int i = 0; i < sent; i++)
            {
                queue.send(i);
            }
            final AtomicInteger handled = new AtomicInteger();
            final QueueConsumer consumer = new QueueConsumer(queue, m -> handled.incrementAndGet(),
                new Dispatcher("test", false, IdleStrategyKind.BACKOFF, queue.engine.errors));
            queue.attach(consumer);
            assertEquals(QueueConsumer.BATCH_LIMIT, consumer.poll());
            assertEquals(QueueConsumer.BATCH_LIMIT, handled.get());
            assertEquals(10, queue.depth(), "the last message of the batch is handled: only the ten left count");
            assertEquals(10, consumer.poll());
            assertEquals(0, queue.depth());
            queue.detach(consumer);
        }
        finally
        {
            bus.close();
        }
    }

    private static void publish(final Lane lane, final Object event)
    {
        final long sequence = lane.ring.next();
        lane.ring.get(sequence).event = event;
        lane.ring.publish(sequence);
    }

    /**
     * The priorities one consumer takes, from a queue filled before it attached.
     */
    private static List<Integer> order(final int guard, final int high, final int low) throws Exception
    {
        try (Bus bus = Ringbus.create())
        {
            final Queue<Integer> queue = bus.queue("guard", Integer.class,
                QueueOptions.defaults().starvationGuard(guard));
            for (int i = 0; i < low; i++)
            {
                queue.send(0);
            }
            for (int i = 0; i < high; i++)
            {
                queue.send(7, 7);
            }
            final List<Integer> seen = new CopyOnWriteArrayList<>();
            queue.consume(seen::add);
            Await.until("all taken", () -> seen.size() == high + low);
            return new ArrayList<>(seen);
        }
    }

    // ---------------------------------------------------------------- request/reply leaves nothing behind

    @Test
    void everyRequestOutcomeLeavesNoEntryAndNoTimer() throws Exception
    {
        try (DisruptorBus bus = (DisruptorBus)Ringbus.create())
        {
            bus.respond("nlb.ok", String.class, q -> q + "!");
            bus.respond("nlb.fail", String.class, q ->
            {
                throw new IllegalStateException("no");
            });
            final CountDownLatch release = new CountDownLatch(1);
            bus.respond("nlb.slow", String.class, q ->
            {
                release.await(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
                return q;
            });
            try
            {
                assertEquals("a!", bus.request("nlb.ok", "a", String.class, Duration.ofSeconds(10)).get(30, TimeUnit.SECONDS));
                awaitNothingLeftBehind(bus);
                assertFailsWith(IllegalStateException.class, bus.request("nlb.fail", "b", String.class, Duration.ofSeconds(10)));
                awaitNothingLeftBehind(bus);
                assertFailsWith(NoResponderException.class, bus.request("nlb.none", "c", String.class, Duration.ofSeconds(10)));
                awaitNothingLeftBehind(bus);
                assertFailsWith(TimeoutException.class, bus.request("nlb.slow", "d", String.class, Duration.ofMillis(20)));
                Await.until("the timeout's timer gone once it fired", () -> bus.timers() == 0);
                release.countDown();
                awaitNothingLeftBehind(bus);
            }
            finally
            {
                release.countDown();
            }
        }
    }

    @Test
    void slowAndDeadRespondersCompleteEveryRequestAndLeaveNothingBehind() throws Exception
    {
        final int requests = 500;
        try (DisruptorBus bus = (DisruptorBus)Ringbus.builder().ringSize(64).build())
        {
            final CountDownLatch release = new CountDownLatch(1);
            bus.respond("rel.slow", Integer.class, q ->
            {
                release.await(2, TimeUnit.MILLISECONDS);
                return q;
            });
            bus.respond("rel.dead", Integer.class, q ->
            {
                throw new Error("dead responder");
            });
            final AtomicLong replies = new AtomicLong();
            final AtomicLong timeouts = new AtomicLong();
            final AtomicLong failures = new AtomicLong();
            final AtomicLong other = new AtomicLong();
            final ReplyCallback<Integer> callback = (reply, failure) ->
            {
                if (failure == null)
                {
                    replies.incrementAndGet();
                }
                else if (failure instanceof TimeoutException)
                {
                    timeouts.incrementAndGet();
                }
                else if (failure instanceof Error)
                {
                    failures.incrementAndGet();
                }
                else
                {
                    other.incrementAndGet();
                }
            };
            for (int i = 0; i < requests; i++)
            {
                bus.request(i % 2 == 0 ? "rel.slow" : "rel.dead", i, Integer.class, Duration.ofMillis(50), callback);
            }
            Await.until(() -> "all completed: " + replies + " replies, " + timeouts + " timeouts, " + failures +
                " failures, " + other + " other", Await.DEFAULT,
                () -> replies.get() + timeouts.get() + failures.get() + other.get() == requests);
            // A request to the dead responder may also time out while it waits for it on a loaded machine.
            assertTrue(failures.get() > 0 && failures.get() <= requests / 2, "failures " + failures);
            assertEquals(0, other.get());
            assertTrue(timeouts.get() > 0, "the slow responder should have timed some out");
            release.countDown();
            awaitNothingLeftBehind(bus);
            assertEquals(requests, replies.get() + timeouts.get() + failures.get(), "an outcome delivered twice");
        }
    }

    @Test
    void requestTimeoutRunsOnTheBusClock() throws Exception
    {
        final ManualClock clock = new ManualClock();
        try (DisruptorBus bus = (DisruptorBus)Ringbus.builder().clock(clock).build())
        {
            final CountDownLatch release = new CountDownLatch(1);
            bus.respond("clock.slow", String.class, q ->
            {
                release.await(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
                return q;
            });
            try
            {
                final CompletableFuture<String> reply =
                    bus.request("clock.slow", "q", String.class, Duration.ofSeconds(10));
                assertTrue(bus.requestSweepPlanned(), "the request planned a sweep by its deadline");
                assertEquals(0, bus.timers(), "a request sets no timer of its own");
                clock.advance(Duration.ofSeconds(10).minusNanos(1));
                Thread.sleep(20); // many ticks of real time: a sweep now would be early
                assertFalse(reply.isDone(), "timed out before its deadline");
                clock.advance(Duration.ofNanos(1));
                assertFailsWith(TimeoutException.class, reply);
                Await.until("no sweep planned once nothing is pending", () -> !bus.requestSweepPlanned());
            }
            finally
            {
                release.countDown();
            }
            awaitNothingLeftBehind(bus);
        }
    }

    @Test
    void closeCompletesRequestsStuckInAResponder() throws Exception
    {
        final CountDownLatch release = new CountDownLatch(1);
        final CompletableFuture<String> reply;
        final DisruptorBus bus = (DisruptorBus)Ringbus.builder().closeTimeout(Duration.ofMillis(200)).build();
        try
        {
            bus.respond("stuck", String.class, q ->
            {
                release.await(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
                return q;
            });
            reply = bus.request("stuck", "q", String.class, Duration.ofHours(1));
            Await.until("the request in the responder's hands",
                () -> bus.stats().destination("stuck").orElseThrow().depth() == 1 && bus.requestEntriesInUse() == 1);
            bus.close();
            assertFailsWith(BusClosedException.class, reply);
            assertEquals(0, bus.timers());
        }
        finally
        {
            release.countDown();
            bus.close();
        }
        Await.until("the responder let go of its entry", () -> bus.requestEntriesInUse() == 0);
    }

    @Test
    void aShorterTimeoutThanThePlannedSweepStillFiresOnTime() throws Exception
    {
        try (DisruptorBus bus = (DisruptorBus)Ringbus.create())
        {
            final CountDownLatch release = new CountDownLatch(1);
            bus.respond("short.stuck", String.class, q ->
            {
                release.await(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
                return q;
            });
            try
            {
                // The first plans a sweep an hour away; the second must bring it forward and wake the timer.
                final CompletableFuture<String> patient =
                    bus.request("short.stuck", "a", String.class, Duration.ofHours(1));
                assertTrue(bus.requestSweepPlanned());
                Thread.sleep(20); // the timer parks until that sweep
                final long start = System.nanoTime();
                final CompletableFuture<String> hasty =
                    bus.request("short.stuck", "b", String.class, Duration.ofMillis(30));
                // Asks for no sweep of its own (one by its deadline is planned): the sweep that times out the
                // second must plan the next deadline it saw.
                final CompletableFuture<String> later =
                    bus.request("short.stuck", "c", String.class, Duration.ofMillis(60));
                assertFailsWith(TimeoutException.class, hasty);
                final long tookMs = (System.nanoTime() - start) / 1_000_000;
                assertTrue(tookMs >= 30, "timed out early, after " + tookMs + " ms");
                assertFailsWith(TimeoutException.class, later);
                final long laterMs = (System.nanoTime() - start) / 1_000_000;
                assertTrue(laterMs >= 60, "timed out early, after " + laterMs + " ms");
                assertFalse(patient.isDone());
                // Planned again at the end of the sweep that delivered the last timeout.
                Await.until("the hour's request still has its sweep planned", bus::requestSweepPlanned);
            }
            finally
            {
                release.countDown();
            }
            awaitNothingLeftBehind(bus);
        }
    }

    @Test
    void entriesThePoolCannotTakeBackAreDroppedFromTheSweep()
    {
        final RequestPool pool = new RequestPool(new ErrorReporter((c, d, e, h) -> { }), 2);
        final PendingRequest[] taken = new PendingRequest[5];
        for (int i = 0; i < taken.length; i++)
        {
            taken[i] = pool.acquire();
            taken[i].init("pool", i, Integer.class, (reply, failure) -> { }, 0, 1);
        }
        assertEquals(5, pool.registered());
        for (final PendingRequest p : taken)
        {
            p.complete(p.ticket(), 0, null);
            p.release();
        }
        assertEquals(2, pool.free());
        assertEquals(PendingRequest.NO_DEADLINE, pool.sweep(0));
        assertEquals(2, pool.registered(), "retired entries still swept");
        assertEquals(0, pool.inUse());
    }

    @Test
    void correlationEntriesAreReused() throws Exception
    {
        try (DisruptorBus bus = (DisruptorBus)Ringbus.create())
        {
            bus.respond("reuse", Integer.class, q -> q);
            for (int i = 0; i < 20; i++)
            {
                assertEquals(i, bus.request("reuse", i, Integer.class, Duration.ofSeconds(10)).get(30, TimeUnit.SECONDS));
                awaitNothingLeftBehind(bus);
            }
            assertEquals(1, bus.requestEntriesCreated(), "entries were made instead of reused");
        }
    }

    private static void assertFailsWith(final Class<? extends Throwable> type, final CompletableFuture<?> future)
        throws Exception
    {
        final ExecutionException ex =
            assertThrows(ExecutionException.class, () -> future.get(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS));
        assertInstanceOf(type, ex.getCause());
    }
}
