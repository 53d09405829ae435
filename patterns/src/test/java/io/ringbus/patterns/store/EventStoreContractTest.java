package io.ringbus.patterns.store;

import io.ringbus.api.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every event store has, run over each implementation (RELIABILITY.md 16 included).
 */
abstract class EventStoreContractTest
{
    @TempDir
    Path dir;

    EventStore<Note> store;

    abstract EventStore<Note> open(Path directory);

    @BeforeEach
    void openStore()
    {
        store = open(dir);
    }

    @AfterEach
    void closeStore()
    {
        store.close();
    }

    static List<EventData<Note>> notes(final String... texts)
    {
        final List<EventData<Note>> events = new ArrayList<>();
        for (final String text : texts)
        {
            events.add(EventData.of(new Note(text, text.length())));
        }
        return events;
    }

    @Test
    void appendsAndReadsAStream()
    {
        final AppendResult first = store.append("a", ExpectedVersion.NO_STREAM, notes("x", "yy"));
        assertEquals(new AppendResult(1, 1), first);
        final AppendResult second = store.append("b", ExpectedVersion.ANY, notes("z"));
        assertEquals(new AppendResult(0, 2), second);
        store.append("a", 1, notes("www"));

        final List<RecordedEvent<Note>> a = store.read("a", 0);
        assertEquals(List.of("x", "yy", "www"), a.stream().map(e -> e.event().text()).toList());
        assertEquals(List.of(0L, 1L, 2L), a.stream().map(RecordedEvent::version).toList());
        assertEquals(List.of(0L, 1L, 3L), a.stream().map(RecordedEvent::position).toList());
        assertEquals(List.of("www"), store.read("a", 2).stream().map(e -> e.event().text()).toList());
        assertEquals(List.of(), store.read("a", 3));
        assertEquals(List.of(), store.read("nobody", 0));
        assertEquals(2, store.version("a"));
        assertEquals(ExpectedVersion.NO_STREAM, store.version("nobody"));
        assertEquals(3, store.lastPosition());
        assertEquals(new Note("yy", 2), a.get(1).event());
        assertTrue(a.get(0).timestamp() > 0);
    }

    @Test
    void readsAllInPositionOrder()
    {
        store.append("a", ExpectedVersion.ANY, notes("0", "1"));
        store.append("b", ExpectedVersion.ANY, notes("2"));
        store.append("a", ExpectedVersion.ANY, notes("3", "4"));
        assertEquals(List.of("0", "1", "2", "3", "4"), texts(store.readAll(0)));
        assertEquals(List.of("2", "3"), texts(store.readAll(2, 2)));
        assertEquals(List.of(), store.readAll(5));
        assertThrows(IllegalArgumentException.class, () -> store.readAll(-1));
        assertThrows(IllegalArgumentException.class, () -> store.readAll(0, 0));
    }

    static List<String> texts(final List<RecordedEvent<Note>> events)
    {
        return events.stream().map(e -> e.event().text()).toList();
    }

    @Test
    void expectedVersionsAreChecked()
    {
        final ConcurrencyException noStream = assertThrows(ConcurrencyException.class,
            () -> store.append("a", ExpectedVersion.STREAM_EXISTS, notes("x")));
        assertEquals(ExpectedVersion.NO_STREAM, noStream.actualVersion());
        store.append("a", ExpectedVersion.NO_STREAM, notes("x"));
        final ConcurrencyException exists = assertThrows(ConcurrencyException.class,
            () -> store.append("a", ExpectedVersion.NO_STREAM, notes("y")));
        assertEquals("a", exists.streamId());
        assertEquals(ExpectedVersion.NO_STREAM, exists.expectedVersion());
        assertEquals(0, exists.actualVersion());
        final ConcurrencyException stale = assertThrows(ConcurrencyException.class,
            () -> store.append("a", 5, notes("y")));
        assertTrue(stale.getMessage().contains("stream 'a': expected version 5 but it is at 0"), stale.getMessage());
        store.append("a", ExpectedVersion.STREAM_EXISTS, notes("y"));
        store.append("a", 1, notes("z"));
        assertEquals(3, store.readAll(0).size());
    }

    @Test
    void misuseIsRefusedNamingTheRule()
    {
        assertThrows(NullPointerException.class, () -> store.append(null, ExpectedVersion.ANY, notes("x")));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> store.append("", ExpectedVersion.ANY,
            notes("x"))).getMessage().contains("streamId"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> store.append("a", ExpectedVersion.ANY,
            List.of())).getMessage().contains("events is empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> store.append("a", -3,
            notes("x"))).getMessage().contains("expectedVersion -3"));
        final EventData<Note> twice = EventData.of(new Note("x", 1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> store.append("a", ExpectedVersion.ANY,
            List.of(twice, twice))).getMessage().contains("appears twice"));
        assertEquals(-1, store.lastPosition());
    }

    @Test
    void aRetriedAppendAddsNothing()
    {
        final List<EventData<Note>> batch = notes("x", "y");
        final AppendResult first = store.append("a", ExpectedVersion.NO_STREAM, batch);
        store.append("a", first.version(), notes("z"));
        // The retry's expected version is stale, as it would be after a lost acknowledgement: still idempotent.
        assertEquals(first, store.append("a", ExpectedVersion.NO_STREAM, batch));
        assertEquals(first, store.append("a", ExpectedVersion.NO_STREAM, List.of(batch.get(0), batch.get(1))));
        assertEquals(3, store.readAll(0).size());

        // Part of a batch, or the ids in another stream, are not a retry: refused, nothing added.
        assertThrows(IllegalArgumentException.class, () -> store.append("a", ExpectedVersion.ANY,
            List.of(batch.get(1), EventData.of(new Note("new", 3)))));
        assertThrows(IllegalArgumentException.class, () -> store.append("b", ExpectedVersion.ANY, batch));
        assertThrows(IllegalArgumentException.class, () -> store.append("a", ExpectedVersion.ANY,
            List.of(EventData.of(new Note("new", 3)), batch.get(0))));
        assertEquals(3, store.readAll(0).size());
    }

    /**
     * RELIABILITY.md 16: many writers race for each version of one stream; exactly one wins each, and the
     * stream holds exactly the winners' events.
     */
    @Test
    void exactlyOneWriterWinsEachVersion() throws Exception
    {
        final int writers = 6;
        final int versions = 60;
        final Map<Long, List<Integer>> winners = new ConcurrentHashMap<>();
        final AtomicInteger conflicts = new AtomicInteger();
        final ExecutorService pool = Executors.newFixedThreadPool(writers);
        try
        {
            final CountDownLatch start = new CountDownLatch(1);
            final List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++)
            {
                final int writer = w;
                futures.add(pool.submit(() ->
                {
                    start.await();
                    while (true)
                    {
                        final long version = store.version("race");
                        if (version >= versions - 1)
                        {
                            return null;
                        }
                        try
                        {
                            store.append("race", version, List.of(EventData.of(new Note("w" + writer, version + 1))));
                            winners.computeIfAbsent(version + 1, v -> new CopyOnWriteArrayList<>()).add(writer);
                        }
                        catch (final ConcurrencyException ex)
                        {
                            conflicts.incrementAndGet();
                        }
                    }
                }));
            }
            start.countDown();
            for (final Future<?> future : futures)
            {
                future.get(60, TimeUnit.SECONDS);
            }
        }
        finally
        {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }

        final List<RecordedEvent<Note>> stream = store.read("race", 0);
        assertEquals(versions, stream.size());
        assertEquals(versions, winners.size());
        for (final RecordedEvent<Note> event : stream)
        {
            final List<Integer> won = winners.get(event.version());
            assertEquals(1, won.size(), "version " + event.version() + " won by " + won);
            assertEquals("w" + won.get(0), event.event().text());
            assertEquals(event.version(), event.event().n());
        }
    }

    @Test
    void retriesRacingWithTheirOriginalAddNothing() throws Exception
    {
        final List<EventData<Note>> batch = notes("once", "only");
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        try
        {
            final List<Future<AppendResult>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++)
            {
                results.add(pool.submit(() -> store.append("idem", ExpectedVersion.ANY, batch)));
            }
            for (final Future<AppendResult> result : results)
            {
                assertEquals(new AppendResult(1, 1), result.get(30, TimeUnit.SECONDS));
            }
        }
        finally
        {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
        assertEquals(2, store.readAll(0).size());
    }

    /**
     * Catch-up then live, while appenders keep appending: every position exactly once, in order.
     */
    @Test
    void subscribeAllCatchesUpThenGoesLiveWithNoGapAndNoDuplicate() throws Exception
    {
        final int appenders = 3;
        final int perAppender = 400;
        final List<Long> seen = new CopyOnWriteArrayList<>();
        final ExecutorService pool = Executors.newFixedThreadPool(appenders);
        StoreSubscription late = null;
        final List<Long> lateSeen = new CopyOnWriteArrayList<>();
        try (StoreSubscription early = store.subscribeAll(0, e -> seen.add(e.position())))
        {
            final List<Future<?>> futures = new ArrayList<>();
            for (int a = 0; a < appenders; a++)
            {
                final int appender = a;
                futures.add(pool.submit(() ->
                {
                    for (int i = 0; i < perAppender; i++)
                    {
                        store.append("s-" + appender, ExpectedVersion.ANY, notes("e" + i));
                    }
                    return null;
                }));
            }
            // Subscribe in the middle of the appends: from a position already stored, so it catches up and then
            // crosses into the live part while appends go on.
            Await.until("some appends", () -> store.lastPosition() >= 100);
            late = store.subscribeAll(50, e -> lateSeen.add(e.position()));
            for (final Future<?> future : futures)
            {
                future.get(60, TimeUnit.SECONDS);
            }
            final int total = appenders * perAppender;
            Await.until(() -> "all seen, early " + seen.size() + ", late " + lateSeen.size(), Duration.ofSeconds(30),
                () -> seen.size() >= total && lateSeen.size() >= total - 50);
            assertTrue(early.isRunning());
            assertNull(early.failure());
            assertEquals(total - 1, early.position());
            assertConsecutive(seen, 0, total);
            assertConsecutive(lateSeen, 50, total - 50);
        }
        finally
        {
            if (late != null)
            {
                late.close();
            }
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    private static void assertConsecutive(final List<Long> seen, final long from, final int count)
    {
        assertEquals(count, seen.size());
        for (int i = 0; i < count; i++)
        {
            assertEquals(from + i, seen.get(i), "position at index " + i);
        }
    }

    @Test
    void aFailingHandlerStopsItsSubscriptionAndIsKept() throws Exception
    {
        store.append("a", ExpectedVersion.ANY, notes("ok", "boom", "after"));
        final List<String> handled = new CopyOnWriteArrayList<>();
        try (StoreSubscription subscription = store.subscribeAll(0, e ->
        {
            if ("boom".equals(e.event().text()))
            {
                throw new IllegalStateException("boom");
            }
            handled.add(e.event().text());
        }))
        {
            Await.until("the subscription stops", () -> !subscription.isRunning());
            assertEquals("boom", subscription.failure().getMessage());
            assertEquals(0, subscription.position());
            assertEquals(List.of("ok"), handled);
        }
    }

    @Test
    void closeStopsSubscriptionsAndRefusesCalls()
    {
        final StoreSubscription subscription = store.subscribeAll(0, e -> { });
        store.close();
        assertFalse(subscription.isRunning());
        assertThrows(IllegalStateException.class, () -> store.append("a", ExpectedVersion.ANY, notes("x")));
        assertThrows(IllegalStateException.class, () -> store.readAll(0));
        store.close();
    }

    @Test
    void eventIdsAreKept()
    {
        final UUID id = UUID.randomUUID();
        store.append("a", ExpectedVersion.ANY, List.of(new EventData<>(id, new Note("x", 1))));
        assertEquals(id, store.read("a", 0).get(0).eventId());
    }
}
