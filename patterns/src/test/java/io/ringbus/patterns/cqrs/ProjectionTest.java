package io.ringbus.patterns.cqrs;

import io.ringbus.Ringbus;
import io.ringbus.api.Await;
import io.ringbus.api.Bus;
import io.ringbus.patterns.store.AppendResult;
import io.ringbus.patterns.store.EventData;
import io.ringbus.patterns.store.EventStore;
import io.ringbus.patterns.store.ExpectedVersion;
import io.ringbus.patterns.store.InMemoryEventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectionTest
{
    interface AccountEvent
    {
        String account();
    }

    record Deposited(String account, long amount) implements AccountEvent
    {
    }

    record Withdrawn(String account, long amount) implements AccountEvent
    {
    }

    record Renamed(String account, String name) implements AccountEvent
    {
    }

    record GetBalance(String account)
    {
    }

    /** The read model: balances, plus a count of events it saw through the interface handler. */
    static final class Balances
    {
        final Map<String, Long> balances = new ConcurrentHashMap<>();
        final AtomicInteger others = new AtomicInteger();
        volatile CountDownLatch gate;

        @EventHandler
        void on(final Deposited e) throws InterruptedException
        {
            final CountDownLatch g = gate;
            if (g != null)
            {
                g.await(30, TimeUnit.SECONDS);
            }
            balances.merge(e.account(), e.amount(), Long::sum);
        }

        @EventHandler
        void on(final Withdrawn e)
        {
            balances.merge(e.account(), -e.amount(), Long::sum);
        }

        @EventHandler
        void any(final AccountEvent e)
        {
            others.incrementAndGet();
        }

        @QueryHandler
        Long balance(final GetBalance q)
        {
            return balances.getOrDefault(q.account(), 0L);
        }

        void clear()
        {
            balances.clear();
            others.set(0);
        }
    }

    private final EventStore<AccountEvent> store = new InMemoryEventStore<>();
    private final Bus bus = Ringbus.create();

    @TempDir
    Path dir;

    @AfterEach
    void close()
    {
        bus.close();
        store.close();
    }

    private AppendResult append(final AccountEvent... events)
    {
        AppendResult last = null;
        for (final AccountEvent event : events)
        {
            last = store.append(event.account(), ExpectedVersion.ANY, List.of(EventData.of(event)));
        }
        return last;
    }

    @Test
    void appliesEventsToTheNearestHandlerAndRebuildsByReplay() throws Exception
    {
        final Balances model = new Balances();
        append(new Deposited("a", 10), new Withdrawn("a", 3), new Renamed("a", "ann"));
        try (Projection<AccountEvent> projection = Projection.builder("balances", store, Projection.annotated(model))
            .onReset(model::clear).start())
        {
            assertTrue(projection.awaitPosition(2, Duration.ofSeconds(30)));
            assertEquals(7L, model.balances.get("a"));
            assertEquals(1, model.others.get(), "Renamed goes to the AccountEvent handler");

            model.balances.put("a", 1_000_000L);      // the read model drifted: rebuild it from the store
            projection.rebuild();
            assertTrue(projection.awaitPosition(2, Duration.ofSeconds(30)));
            assertEquals(7L, model.balances.get("a"));
            assertEquals(1, model.others.get());
        }
    }

    @Test
    void resumesFromItsCheckpoint() throws Exception
    {
        final CheckpointStore checkpoints = CheckpointStore.directory(dir);
        final AtomicInteger applied = new AtomicInteger();
        append(new Deposited("a", 1), new Deposited("a", 2));
        try (Projection<AccountEvent> projection = Projection.builder("counter", store,
            (io.ringbus.api.Handler<io.ringbus.patterns.store.RecordedEvent<AccountEvent>>)e -> applied.incrementAndGet())
            .checkpoints(checkpoints, 1).start())
        {
            assertTrue(projection.awaitPosition(1, Duration.ofSeconds(30)));
        }
        assertEquals(1, checkpoints.load("counter"));
        append(new Deposited("a", 3));
        try (Projection<AccountEvent> projection = Projection.builder("counter", store,
            (io.ringbus.api.Handler<io.ringbus.patterns.store.RecordedEvent<AccountEvent>>)e -> applied.incrementAndGet())
            .checkpoints(checkpoints, 1).start())
        {
            assertTrue(projection.awaitPosition(2, Duration.ofSeconds(30)));
            assertEquals(3, applied.get(), "only the new event is applied after the restart");
        }
    }

    @Test
    void queriesWaitForTheirPositionWhenAsked() throws Exception
    {
        final Balances model = new Balances();
        final QueryBus queries = new QueryBus(bus);
        try (Projection<AccountEvent> projection = Projection.builder("balances", store, Projection.annotated(model))
            .start())
        {
            queries.register(model, projection);
            model.gate = new CountDownLatch(1);          // hold the projection back
            final AppendResult written = append(new Deposited("a", 10));

            final CompletableFuture<Long> eventual = queries.query(new GetBalance("a"), Long.class);
            assertEquals(0L, eventual.get(10, TimeUnit.SECONDS), "a plain query answers from where the model is");

            final CompletableFuture<Long> consistent = queries.query(
                new GetBalance("a"), Long.class, written.position(), Duration.ofSeconds(30));
            assertFalse(consistent.isDone());
            model.gate.countDown();
            assertEquals(10L, consistent.get(30, TimeUnit.SECONDS));

            model.gate = new CountDownLatch(1);
            final AppendResult stuck = append(new Deposited("a", 5));
            final ExecutionException late = assertThrows(ExecutionException.class, () -> queries.query(
                new GetBalance("a"), Long.class, stuck.position(), Duration.ofMillis(200)).get(10, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, late.getCause());
            assertTrue(late.getCause().getMessage().contains("reached position 0, not 1"),
                late.getCause().getMessage());
            model.gate.countDown();
            Await.until("the projection catches up", () -> projection.position() == 1);
        }
        assertThrows(IllegalStateException.class, () -> queries.register(new Balances(), null));
    }

    @Test
    void aQueryTypeHasOneHandlerAndPositionsNeedAProjection() throws Exception
    {
        final QueryBus queries = new QueryBus(bus);
        queries.register(GetBalance.class, q -> 1L);
        assertThrows(IllegalStateException.class, () -> queries.register(GetBalance.class, q -> 2L));
        assertEquals(1L, queries.query(new GetBalance("a"), Long.class).get(10, TimeUnit.SECONDS));
        assertThrows(IllegalArgumentException.class,
            () -> queries.query(new GetBalance("a"), Long.class, 0, Duration.ofSeconds(1)));
    }

    @Test
    void aFailingHandlerStopsTheProjectionAndFailsItsWaiters() throws Exception
    {
        try (Projection<AccountEvent> projection = Projection.builder("failing", store, e ->
        {
            throw new IllegalStateException("read model broken");
        }).start())
        {
            final CompletableFuture<Long> waiting = projection.whenReached(0);
            append(new Deposited("a", 1));
            final ExecutionException failed = assertThrows(ExecutionException.class,
                () -> waiting.get(30, TimeUnit.SECONDS));
            assertEquals("read model broken", failed.getCause().getMessage());
            assertEquals("read model broken", projection.failure().getMessage());
            assertEquals(-1, projection.position());
        }
    }
}
