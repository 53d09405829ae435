package io.ringbus.patterns.aggregate;

import io.ringbus.patterns.store.AppendResult;
import io.ringbus.patterns.store.ConcurrencyException;
import io.ringbus.patterns.store.EventData;
import io.ringbus.patterns.store.EventStore;
import io.ringbus.patterns.store.ExpectedVersion;
import io.ringbus.patterns.store.RecordedEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads aggregates by replaying their stream and saves what a {@link Decider} decides with the version it was
 * decided on, so that two concurrent commands on one aggregate cannot both succeed on the same state.
 *
 * <pre>{@code
 * AggregateRepository<AccountCommand, Account, AccountEvent> accounts =
 *     AggregateRepository.builder(store, new AccountDecider()).streamPrefix("account-").retries(3).build();
 * Outcome<Account, AccountEvent> o = accounts.handle("42", new Deposit(100));
 * }</pre>
 * <p>
 * Stream ids are the prefix followed by the aggregate id. With {@link Builder#snapshots}, loading starts from the
 * latest snapshot and a snapshot is saved whenever a command's events cross a multiple of the interval.
 * <p>
 * <b>Note:</b> thread-safe; commands on one aggregate may come from many threads, the store's expected versions
 * serialise them.
 *
 * @param <C> type of the commands.
 * @param <S> type of the state.
 * @param <E> type of the events.
 */
public final class AggregateRepository<C, S, E>
{
    private final EventStore<E> store;
    private final Decider<C, S, E> decider;
    private final String streamPrefix;
    private final int retries;
    private final SnapshotStore<S> snapshots;
    private final int snapshotEvery;

    private AggregateRepository(final Builder<C, S, E> builder)
    {
        this.store = builder.store;
        this.decider = builder.decider;
        this.streamPrefix = builder.streamPrefix;
        this.retries = builder.retries;
        this.snapshots = builder.snapshots;
        this.snapshotEvery = builder.snapshotEvery;
    }

    /**
     * A builder.
     *
     * @param store   where the events live.
     * @param decider the aggregate's functions.
     * @param <C>     type of the commands.
     * @param <S>     type of the state.
     * @param <E>     type of the events.
     * @return the builder: no prefix, no retry, no snapshots.
     */
    public static <C, S, E> Builder<C, S, E> builder(final EventStore<E> store, final Decider<C, S, E> decider)
    {
        return new Builder<>(store, decider);
    }

    /**
     * The stream an aggregate id maps to.
     *
     * @param id the aggregate id.
     * @return prefix + id.
     */
    public String streamId(final String id)
    {
        return streamPrefix + Objects.requireNonNull(id, "id");
    }

    /**
     * Rebuild an aggregate: from its latest snapshot if any, then every event after it.
     *
     * @param id the aggregate id.
     * @return its state and version; the initial state at version -1 if it has no event.
     */
    public Aggregate<S> load(final String id)
    {
        final String streamId = streamId(id);
        S state = decider.initialState();
        long version = ExpectedVersion.NO_STREAM;
        if (snapshots != null)
        {
            final Optional<Snapshot<S>> snapshot = snapshots.load(streamId);
            if (snapshot.isPresent())
            {
                state = snapshot.get().state();
                version = snapshot.get().version();
            }
        }
        for (final RecordedEvent<E> event : store.read(streamId, version + 1))
        {
            state = decider.evolve(state, event.event());
            version = event.version();
        }
        return new Aggregate<>(streamId, state, version);
    }

    /**
     * Load the aggregate, decide the command, append the events with the loaded version. On a
     * {@link ConcurrencyException} it loads and decides again, up to the configured retries, then rethrows.
     *
     * @param id      the aggregate id.
     * @param command the command.
     * @return the new state, version, position and events.
     * @throws ConcurrencyException if others kept winning after every retry.
     * @throws Exception            what the decider threw to reject the command; nothing was appended.
     */
    public Outcome<S, E> handle(final String id, final C command) throws Exception
    {
        Objects.requireNonNull(command, "command");
        for (int attempt = 1; ; attempt++)
        {
            final Aggregate<S> aggregate = load(id);
            final List<E> events = decider.decide(command, aggregate.state());
            Objects.requireNonNull(events, "the decider returned null instead of a list of events");
            if (events.isEmpty())
            {
                return new Outcome<>(aggregate.streamId(), aggregate.state(), aggregate.version(), -1, List.of(),
                    attempt);
            }
            final List<EventData<E>> data = new ArrayList<>(events.size());
            S state = aggregate.state();
            for (final E event : events)
            {
                data.add(EventData.of(event));
                state = decider.evolve(state, event);
            }
            final AppendResult result;
            try
            {
                result = store.append(aggregate.streamId(), aggregate.version(), data);
            }
            catch (final ConcurrencyException ex)
            {
                if (attempt > retries)
                {
                    throw ex;
                }
                continue;
            }
            // Event counts, not versions: the stream holds version + 1 events.
            if (snapshots != null && (result.version() + 1) / snapshotEvery > (aggregate.version() + 1) / snapshotEvery)
            {
                snapshots.save(new Snapshot<>(aggregate.streamId(), result.version(), state));
            }
            return new Outcome<>(aggregate.streamId(), state, result.version(), result.position(), List.copyOf(events),
                attempt);
        }
    }

    /**
     * Settings of a repository.
     * <p>
     * <b>Note:</b> not thread-safe; use from one thread.
     *
     * @param <C> type of the commands.
     * @param <S> type of the state.
     * @param <E> type of the events.
     */
    public static final class Builder<C, S, E>
    {
        private final EventStore<E> store;
        private final Decider<C, S, E> decider;
        private String streamPrefix = "";
        private int retries;
        private SnapshotStore<S> snapshots;
        private int snapshotEvery;

        private Builder(final EventStore<E> store, final Decider<C, S, E> decider)
        {
            this.store = Objects.requireNonNull(store, "store");
            this.decider = Objects.requireNonNull(decider, "decider");
        }

        /**
         * @param streamPrefix put before each aggregate id to make its stream id, e.g. {@code "account-"}.
         * @return this.
         */
        public Builder<C, S, E> streamPrefix(final String streamPrefix)
        {
            this.streamPrefix = Objects.requireNonNull(streamPrefix, "streamPrefix");
            return this;
        }

        /**
         * @param retries how many times to load and decide again after a concurrency conflict; 0 (the default)
         *                hands the first {@link ConcurrencyException} to the caller.
         * @return this.
         */
        public Builder<C, S, E> retries(final int retries)
        {
            if (retries < 0)
            {
                throw new IllegalArgumentException("retries " + retries + " must not be negative");
            }
            this.retries = retries;
            return this;
        }

        /**
         * Keep a snapshot every {@code every} events of a stream.
         *
         * @param snapshots where to keep them.
         * @param every     the interval in events, positive.
         * @return this.
         */
        public Builder<C, S, E> snapshots(final SnapshotStore<S> snapshots, final int every)
        {
            if (every <= 0)
            {
                throw new IllegalArgumentException("snapshot interval " + every + " must be positive");
            }
            this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
            this.snapshotEvery = every;
            return this;
        }

        /**
         * @return the repository.
         */
        public AggregateRepository<C, S, E> build()
        {
            return new AggregateRepository<>(this);
        }
    }
}
