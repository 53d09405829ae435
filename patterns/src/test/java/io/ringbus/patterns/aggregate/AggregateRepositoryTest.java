package io.ringbus.patterns.aggregate;

import io.ringbus.patterns.store.ConcurrencyException;
import io.ringbus.patterns.store.EventData;
import io.ringbus.patterns.store.EventStore;
import io.ringbus.patterns.store.ExpectedVersion;
import io.ringbus.patterns.store.InMemoryEventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AggregateRepositoryTest
{
    /** A counter that refuses to go above a limit. */
    record Add(int amount)
    {
    }

    record Added(int amount)
    {
    }

    static final class CounterDecider implements Decider<Add, Integer, Added>
    {
        final AtomicInteger evolved = new AtomicInteger();

        @Override
        public Integer initialState()
        {
            return 0;
        }

        @Override
        public List<Added> decide(final Add command, final Integer state)
        {
            if (state + command.amount() > 1000)
            {
                throw new IllegalStateException("limit");
            }
            return command.amount() == 0 ? List.of() : List.of(new Added(command.amount()));
        }

        @Override
        public Integer evolve(final Integer state, final Added event)
        {
            evolved.incrementAndGet();
            return state + event.amount();
        }
    }

    private final EventStore<Added> store = new InMemoryEventStore<>();

    @AfterEach
    void close()
    {
        store.close();
    }

    @Test
    void decidesAppendsAndLoadsByReplay() throws Exception
    {
        final AggregateRepository<Add, Integer, Added> counters =
            AggregateRepository.builder(store, new CounterDecider()).streamPrefix("counter-").build();
        assertEquals(new Aggregate<>("counter-a", 0, -1), counters.load("a"));
        final Outcome<Integer, Added> first = counters.handle("a", new Add(5));
        assertEquals(5, first.state());
        assertEquals(0, first.version());
        assertEquals(0, first.position());
        assertEquals(List.of(new Added(5)), first.events());
        counters.handle("a", new Add(7));
        assertEquals(new Aggregate<>("counter-a", 12, 1), counters.load("a"));

        final Outcome<Integer, Added> nothing = counters.handle("a", new Add(0));
        assertEquals(-1, nothing.position());
        assertEquals(1, nothing.version());

        assertThrows(IllegalStateException.class, () -> counters.handle("a", new Add(2000)));
        assertEquals(2, store.read("counter-a", 0).size());
    }

    @Test
    void aConflictIsRetriedWhenAskedAndHandedOverOtherwise() throws Exception
    {
        // A decider that lets another writer slip in once, between the load and the append.
        final AtomicInteger interfere = new AtomicInteger(1);
        final CounterDecider plain = new CounterDecider();
        final Decider<Add, Integer, Added> racing = new Decider<>()
        {
            @Override
            public Integer initialState()
            {
                return 0;
            }

            @Override
            public List<Added> decide(final Add command, final Integer state)
            {
                if (interfere.getAndDecrement() > 0)
                {
                    store.append("c-x", ExpectedVersion.ANY, List.of(EventData.of(new Added(100))));
                }
                return plain.decide(command, state);
            }

            @Override
            public Integer evolve(final Integer state, final Added event)
            {
                return plain.evolve(state, event);
            }
        };

        final AggregateRepository<Add, Integer, Added> noRetry =
            AggregateRepository.builder(store, racing).streamPrefix("c-").build();
        final ConcurrencyException conflict = assertThrows(ConcurrencyException.class,
            () -> noRetry.handle("x", new Add(1)));
        assertEquals("c-x", conflict.streamId());

        interfere.set(1);
        final AggregateRepository<Add, Integer, Added> retrying =
            AggregateRepository.builder(store, racing).streamPrefix("c-").retries(2).build();
        final Outcome<Integer, Added> outcome = retrying.handle("x", new Add(1));
        assertEquals(2, outcome.attempts());
        assertEquals(201, outcome.state());
    }

    @Test
    void concurrentCommandsAllLandWithRetries() throws Exception
    {
        final AggregateRepository<Add, Integer, Added> counters =
            AggregateRepository.builder(store, new CounterDecider()).retries(1000).build();
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        try
        {
            final List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++)
            {
                futures.add(pool.submit(() ->
                {
                    for (int i = 0; i < 50; i++)
                    {
                        counters.handle("shared", new Add(1));
                    }
                    return null;
                }));
            }
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
        assertEquals(200, counters.load("shared").state());
        assertEquals(199, counters.load("shared").version());
    }

    @Test
    void snapshotsShortenTheReplay() throws Exception
    {
        final CounterDecider decider = new CounterDecider();
        final SnapshotStore<Integer> snapshots = SnapshotStore.inMemory();
        final AggregateRepository<Add, Integer, Added> counters = AggregateRepository.builder(store, decider)
            .snapshots(snapshots, 10).build();
        for (int i = 0; i < 25; i++)
        {
            counters.handle("s", new Add(1));
        }
        final Optional<Snapshot<Integer>> snapshot = snapshots.load("s");
        assertEquals(new Snapshot<>("s", 19, 20), snapshot.orElseThrow());

        decider.evolved.set(0);
        assertEquals(new Aggregate<>("s", 25, 24), counters.load("s"));
        assertEquals(5, decider.evolved.get(), "only the events after the snapshot are replayed");
    }
}
