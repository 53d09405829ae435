package io.ringbus.disruptor;

import io.ringbus.Ringbus;
import io.ringbus.api.Await;
import io.ringbus.api.Bus;
import io.ringbus.api.IdleStrategyKind;
import io.ringbus.api.SubscribeOptions;
import io.ringbus.api.Subscription;
import io.ringbus.api.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the engine does with threads: how many, how they idle, and that none outlives its bus.
 */
class ThreadingTest
{
    @AfterEach
    void noDispatcherThreadOutlivesItsBus()
    {
        Await.until(() -> "ringbus threads still alive: " + ringbusThreads(), Await.DEFAULT,
            () -> ringbusThreads().isEmpty());
    }

    static Set<String> ringbusThreads()
    {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive)
            .map(Thread::getName)
            .filter(n -> n.startsWith("ringbus-"))
            .collect(Collectors.toSet());
    }

    private static List<Thread> dispatcherThreads()
    {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.isAlive() && t.getName().startsWith("ringbus-dispatcher-"))
            .collect(Collectors.toList());
    }

    @Test
    void aBusWithoutSubscribersHasNoThread()
    {
        try (Bus bus = Ringbus.create())
        {
            bus.topic("quiet", String.class).publish("unheard");
            bus.queue("waiting", String.class).send("kept");
            assertEquals(Set.of(), ringbusThreads());
        }
    }

    @Test
    void threeHundredTopicsShareTwoThreads() throws Exception
    {
        try (Bus bus = Ringbus.builder().ringSize(64).build())
        {
            final AtomicInteger delivered = new AtomicInteger();
            final List<Topic<Integer>> topics = new ArrayList<>();
            for (int i = 0; i < 300; i++)
            {
                final Topic<Integer> topic = bus.topic("many.t" + i, Integer.class);
                topic.subscribe(e -> delivered.incrementAndGet());
                topics.add(topic);
            }
            for (final Topic<Integer> topic : topics)
            {
                topic.publish(1);
            }
            Await.until(() -> "300 events, have " + delivered.get(), Await.DEFAULT, () -> delivered.get() == 300);
            assertEquals(Set.of("ringbus-dispatcher-0", "ringbus-dispatcher-1"), ringbusThreads());
            assertEquals(2, bus.stats().dispatcherThreads());
        }
    }

    @Test
    void idleDispatchersParkAndWakeForTheNextEvent() throws Exception
    {
        try (Bus bus = Ringbus.create())
        {
            final Topic<Integer> topic = bus.topic("sleepy", Integer.class);
            final List<Integer> got = new CopyOnWriteArrayList<>();
            topic.subscribe(got::add);
            for (int round = 0; round < 20; round++)
            {
                // Parked, not spinning: an idle bus costs no CPU.
                Await.until("every dispatcher parked", () -> dispatcherThreads().stream()
                    .allMatch(t -> t.getState() == Thread.State.TIMED_WAITING || t.getState() == Thread.State.WAITING));
                topic.publish(round);
                final int expected = round + 1;
                Await.until("the event published to a parked dispatcher", () -> got.size() == expected);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(IdleStrategyKind.class)
    void everyIdleStrategyDelivers(final IdleStrategyKind idle) throws Exception
    {
        try (Bus bus = Ringbus.builder().idle(idle).dispatcherThreads(1).build())
        {
            final Topic<Integer> topic = bus.topic("idle." + idle.name().toLowerCase(), Integer.class);
            final AtomicInteger got = new AtomicInteger();
            topic.subscribe(e -> got.incrementAndGet());
            for (int i = 0; i < 10_000; i++)
            {
                topic.publish(i);
            }
            Await.until("all events", () -> got.get() == 10_000);
        }
    }

    @Test
    void dedicatedThreadRunsOneSubscriptionAndEndsWithIt() throws Exception
    {
        try (Bus bus = Ringbus.create())
        {
            final Topic<Integer> topic = bus.topic("own.thread", Integer.class);
            final AtomicReference<String> thread = new AtomicReference<>();
            final CountDownLatch got = new CountDownLatch(1);
            final Subscription s = topic.subscribe(e ->
            {
                thread.set(Thread.currentThread().getName());
                got.countDown();
            }, SubscribeOptions.defaults().dedicatedThread(true));
            topic.publish(1);
            assertTrue(got.await(30, TimeUnit.SECONDS));
            assertTrue(thread.get().startsWith("ringbus-dedicated-"), thread.get());
            // Shared threads start with their first subscriber: there is none here.
            assertEquals(Set.of(thread.get()), ringbusThreads());
            assertEquals(1, bus.stats().dispatcherThreads());
            s.close();
            Await.until("the dedicated thread ended", () -> !ringbusThreads().contains(thread.get()));
            assertEquals(0, bus.stats().dispatcherThreads());
        }
    }

    @Test
    void dedicatedThreadsStartedBackToBackAllStopAtClose() throws Exception
    {
        try (Bus bus = Ringbus.create())
        {
            final Topic<Integer> topic = bus.topic("dedicated.many", Integer.class);
            final AtomicInteger got = new AtomicInteger();
            for (int i = 0; i < 4; i++)
            {
                topic.subscribe(e -> got.incrementAndGet(), SubscribeOptions.defaults().dedicatedThread(true));
            }
            topic.publish(1);
            Await.until("four deliveries", () -> got.get() == 4);
            assertEquals(4, bus.stats().dispatcherThreads());
        }
        // @AfterEach checks that all four threads are gone.
    }

    @Test
    void handlerThatRestoresAnInterruptDoesNotStopItsDispatcher() throws Exception
    {
        try (Bus bus = Ringbus.builder().dispatcherThreads(1).errorHandler((c, d, e, h) -> { }).build())
        {
            final Topic<Integer> topic = bus.topic("interrupting", Integer.class);
            final AtomicInteger got = new AtomicInteger();
            topic.subscribe(e ->
            {
                got.incrementAndGet();
                Thread.currentThread().interrupt(); // as "catch (InterruptedException e) { interrupt(); }" does
            });
            for (int i = 1; i <= 10; i++)
            {
                topic.publish(i);
                final int expected = i;
                Await.until("event " + i + " delivered", () -> got.get() == expected);
            }
            assertEquals(1, bus.stats().dispatcherThreads());
        }
    }

    @Test
    void closeReturnsWithinItsTimeoutWhenAHandlerIsStuck() throws Exception
    {
        final CountDownLatch entered = new CountDownLatch(1);
        final java.util.concurrent.atomic.AtomicBoolean release = new java.util.concurrent.atomic.AtomicBoolean();
        final Bus bus = Ringbus.builder().closeTimeout(java.time.Duration.ofMillis(200)).build();
        try
        {
            bus.topic("stuck.handler", Integer.class).subscribe(e ->
            {
                entered.countDown();
                while (!release.get())
                {
                    // Deaf to interrupts on purpose, as a handler stuck in a native call would be.
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
                    Thread.interrupted();
                }
            });
            bus.topic("stuck.handler", Integer.class).publish(1);
            assertTrue(entered.await(30, TimeUnit.SECONDS));
            final Thread closer = new Thread(bus::close, "closer");
            closer.start();
            closer.join(Await.DEFAULT.toMillis());
            assertTrue(!closer.isAlive(), "close() did not return although its timeout passed");
        }
        finally
        {
            release.set(true);
            bus.close();
        }
    }

    @Test
    void closeFromAHandlerIsRefusedRatherThanDeadlocking() throws Exception
    {
        try (Bus bus = Ringbus.create())
        {
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final CountDownLatch done = new CountDownLatch(1);
            bus.topic("closer", Integer.class).subscribe(e ->
            {
                try
                {
                    bus.close();
                }
                catch (final Throwable ex)
                {
                    failure.set(ex);
                }
                done.countDown();
            });
            bus.topic("closer", Integer.class).publish(1);
            assertTrue(done.await(30, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, failure.get());
            assertTrue(failure.get().getMessage().contains("handler"), failure.get().getMessage());
        }
    }
}
