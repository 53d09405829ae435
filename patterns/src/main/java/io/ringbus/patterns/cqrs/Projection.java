package io.ringbus.patterns.cqrs;

import io.ringbus.api.Handler;
import io.ringbus.patterns.store.EventStore;
import io.ringbus.patterns.store.RecordedEvent;
import io.ringbus.patterns.store.StoreSubscription;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keeps a read model up to date from an event store: subscribes from its checkpoint, applies every event in
 * position order on one thread, saves its checkpoint, and can rebuild the read model from position 0.
 *
 * <pre>{@code
 * Balances balances = new Balances();                   // @EventHandler methods
 * Projection<AccountEvent> projection = Projection.builder("balances", store, Projection.annotated(balances))
 *     .onReset(balances::clear).start();
 * projection.awaitPosition(outcome.position(), Duration.ofSeconds(1));   // read your own write
 * }</pre>
 * <p>
 * {@link #position()} is the global position of the last event applied; every event counts, including those the
 * read model ignores, so after an append at position {@code p}, {@code whenReached(p)} says when the read model
 * reflects it. A handler that throws stops the projection: {@link #failure()} keeps the exception and pending
 * waits fail with it; {@link #rebuild()} starts over.
 * <p>
 * <b>Note:</b> thread-safe. The handler runs on the projection's subscription thread only; read models are read
 * from other threads (queries), so their state must be safe to read concurrently.
 *
 * @param <E> type of the events.
 */
public final class Projection<E> implements AutoCloseable
{
    private final String name;
    private final EventStore<E> store;
    private final Handler<? super RecordedEvent<E>> handler;
    private final CheckpointStore checkpoints;
    private final int checkpointEvery;
    private final Runnable reset;

    /** Guards the waiters. */
    private final Object lock = new Object();
    /** Serialises start, rebuild and close; never taken by the subscription thread. */
    private final Object control = new Object();
    private final Map<Long, List<CompletableFuture<Long>>> waiters = new HashMap<>();
    private StoreSubscription subscription;
    private volatile long position;
    private volatile Throwable failure;
    private volatile boolean closed;
    private int sinceCheckpoint;
    /** Bumped by each rebuild so that a stopped subscription's last calls do not count for the new one. */
    private volatile int generation;

    private Projection(final Builder<E> builder)
    {
        this.name = builder.name;
        this.store = builder.store;
        this.handler = builder.handler;
        this.checkpoints = builder.checkpoints;
        this.checkpointEvery = builder.checkpointEvery;
        this.reset = builder.reset;
    }

    /**
     * A builder.
     *
     * @param name    names the projection (and its checkpoint).
     * @param store   the events.
     * @param handler applies one event to the read model.
     * @param <E>     type of the events.
     * @return the builder: in-memory checkpoint, saved every event, no reset action.
     */
    public static <E> Builder<E> builder(
        final String name, final EventStore<E> store, final Handler<? super RecordedEvent<E>> handler)
    {
        return new Builder<>(name, store, handler);
    }

    /**
     * A handler that calls the {@link EventHandler} method of {@code readModel} whose parameter type is nearest to
     * each event's class (the class itself, then its superclasses, then its interfaces) and skips events no method
     * takes. Methods are bound once; each event class is resolved once.
     *
     * @param readModel an object with {@link EventHandler} methods.
     * @param <E>       type of the events.
     * @return the handler.
     * @throws IllegalArgumentException if a method is malformed, or two take the same type.
     */
    public static <E> Handler<RecordedEvent<E>> annotated(final Object readModel)
    {
        final Map<Class<?>, Handler<Object>> byType = new HashMap<>();
        for (final MethodBinder.Bound bound : MethodBinder.bind(readModel, EventHandler.class, true, true))
        {
            if (byType.putIfAbsent(bound.parameterType(), bound.handler()) != null)
            {
                throw new IllegalArgumentException(bound.description() + ": another @EventHandler method of " +
                    readModel.getClass().getName() + " already takes " + bound.parameterType().getName());
            }
        }
        final ClassValue<Handler<Object>> routes = new ClassValue<>()
        {
            @Override
            protected Handler<Object> computeValue(final Class<?> type)
            {
                return nearest(type, byType);
            }
        };
        return event ->
        {
            final Handler<Object> route = routes.get(event.event().getClass());
            if (route != null)
            {
                route.onEvent(event.event());
            }
        };
    }

    private static Handler<Object> nearest(final Class<?> type, final Map<Class<?>, Handler<Object>> byType)
    {
        for (Class<?> c = type; c != null; c = c.getSuperclass())
        {
            final Handler<Object> found = byType.get(c);
            if (found != null)
            {
                return found;
            }
        }
        final Deque<Class<?>> interfaces = new ArrayDeque<>();
        final Set<Class<?>> seen = new HashSet<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass())
        {
            interfaces.addAll(List.of(c.getInterfaces()));
        }
        while (!interfaces.isEmpty())
        {
            final Class<?> next = interfaces.poll();
            if (seen.add(next))
            {
                final Handler<Object> found = byType.get(next);
                if (found != null)
                {
                    return found;
                }
                interfaces.addAll(List.of(next.getInterfaces()));
            }
        }
        return null;
    }

    private void start(final long from)
    {
        final int current = generation;
        position = from - 1;
        subscription = store.subscribeAll(from, event -> apply(event, current));
    }

    private void apply(final RecordedEvent<E> event, final int current) throws Exception
    {
        if (current != generation)
        {
            return;
        }
        try
        {
            handler.onEvent(event);
        }
        catch (final Exception | Error ex)
        {
            failure = ex;
            failWaiters(ex);
            throw ex;
        }
        position = event.position();
        if (++sinceCheckpoint >= checkpointEvery)
        {
            sinceCheckpoint = 0;
            checkpoints.save(name, event.position());
        }
        completeWaiters(event.position());
    }

    /**
     * @return the projection's name.
     */
    public String name()
    {
        return name;
    }

    /**
     * The global position of the last event applied, -1 before the first.
     *
     * @return the position.
     */
    public long position()
    {
        return position;
    }

    /**
     * What stopped the projection, or {@code null} while it runs.
     *
     * @return the handler's exception.
     */
    public Throwable failure()
    {
        return failure;
    }

    /**
     * A future completed once the projection has applied every event up to {@code target}, with the position
     * reached; failed if the projection fails or closes first. Add a timeout with
     * {@link CompletableFuture#orTimeout}.
     *
     * @param target a global position, e.g. from an {@code AppendResult}.
     * @return the future.
     */
    public CompletableFuture<Long> whenReached(final long target)
    {
        final CompletableFuture<Long> reached = new CompletableFuture<>();
        synchronized (lock)
        {
            final long now = position;
            if (now >= target)
            {
                reached.complete(now);
            }
            else if (failure != null)
            {
                reached.completeExceptionally(failure);
            }
            else if (closed)
            {
                reached.completeExceptionally(new IllegalStateException("projection '" + name + "' is closed"));
            }
            else
            {
                waiters.computeIfAbsent(target, t -> new ArrayList<>(1)).add(reached);
                reached.whenComplete((p, ex) -> forget(target, reached));
            }
        }
        return reached;
    }

    /**
     * Wait until the projection has applied every event up to {@code target}.
     *
     * @param target  a global position.
     * @param timeout how long to wait at most.
     * @return {@code true} if reached, {@code false} on timeout.
     * @throws IllegalStateException if the projection failed or closed meanwhile.
     * @throws InterruptedException  if interrupted while waiting.
     */
    public boolean awaitPosition(final long target, final Duration timeout) throws InterruptedException
    {
        final CompletableFuture<Long> reached = whenReached(target);
        try
        {
            reached.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        }
        catch (final TimeoutException ex)
        {
            reached.cancel(false);
            return false;
        }
        catch (final ExecutionException ex)
        {
            throw new IllegalStateException("projection '" + name + "' stopped: " + ex.getCause(), ex.getCause());
        }
    }

    private void forget(final long target, final CompletableFuture<Long> reached)
    {
        synchronized (lock)
        {
            final List<CompletableFuture<Long>> list = waiters.get(target);
            if (list != null && list.remove(reached) && list.isEmpty())
            {
                waiters.remove(target);
            }
        }
    }

    private void completeWaiters(final long reached)
    {
        final List<CompletableFuture<Long>> due = new ArrayList<>();
        synchronized (lock)
        {
            if (waiters.isEmpty())
            {
                return;
            }
            final Iterator<Map.Entry<Long, List<CompletableFuture<Long>>>> entries = waiters.entrySet().iterator();
            while (entries.hasNext())
            {
                final Map.Entry<Long, List<CompletableFuture<Long>>> entry = entries.next();
                if (entry.getKey() <= reached)
                {
                    due.addAll(entry.getValue());
                    entries.remove();
                }
            }
        }
        // Completed outside the lock: a dependent action (a query) runs here and may call back in.
        due.forEach(f -> f.complete(reached));
    }

    private void failWaiters(final Throwable cause)
    {
        final List<CompletableFuture<Long>> all = new ArrayList<>();
        synchronized (lock)
        {
            waiters.values().forEach(all::addAll);
            waiters.clear();
        }
        all.forEach(f -> f.completeExceptionally(cause));
    }

    /**
     * Rebuild the read model: stop applying, run the reset action (which empties the read model), forget the
     * checkpoint and replay every event from position 0. Pending waits carry over and complete as the replay
     * reaches them. Call it from outside the handler.
     */
    public void rebuild()
    {
        synchronized (control)
        {
            if (closed)
            {
                throw new IllegalStateException("projection '" + name + "' is closed");
            }
            generation++;
            // Joins the subscription thread, which may be waiting for the waiters' lock: never hold it here.
            subscription.close();
            reset.run();
            checkpoints.save(name, -1);
            failure = null;
            sinceCheckpoint = 0;
            start(0);
        }
    }

    /**
     * Stop applying and save the checkpoint; pending waits fail. Idempotent.
     */
    @Override
    public void close()
    {
        synchronized (control)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            generation++;
            subscription.close();
            if (null == failure && position >= 0)
            {
                checkpoints.save(name, position);
            }
        }
        failWaiters(new IllegalStateException("projection '" + name + "' is closed"));
    }

    /**
     * Settings of a projection.
     * <p>
     * <b>Note:</b> not thread-safe; use from one thread.
     *
     * @param <E> type of the events.
     */
    public static final class Builder<E>
    {
        private final String name;
        private final EventStore<E> store;
        private final Handler<? super RecordedEvent<E>> handler;
        private CheckpointStore checkpoints = CheckpointStore.inMemory();
        private int checkpointEvery = 1;
        private Runnable reset = () -> { };

        private Builder(final String name, final EventStore<E> store, final Handler<? super RecordedEvent<E>> handler)
        {
            this.name = Objects.requireNonNull(name, "name");
            this.store = Objects.requireNonNull(store, "store");
            this.handler = Objects.requireNonNull(handler, "handler");
        }

        /**
         * @param checkpoints where the position is kept.
         * @param every       save after this many events (and on close), positive.
         * @return this.
         */
        public Builder<E> checkpoints(final CheckpointStore checkpoints, final int every)
        {
            if (every <= 0)
            {
                throw new IllegalArgumentException("checkpoint interval " + every + " must be positive");
            }
            this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
            this.checkpointEvery = every;
            return this;
        }

        /**
         * @param reset empties the read model before a {@link Projection#rebuild()}.
         * @return this.
         */
        public Builder<E> onReset(final Runnable reset)
        {
            this.reset = Objects.requireNonNull(reset, "reset");
            return this;
        }

        /**
         * Start applying from the position after the checkpoint.
         *
         * @return the running projection.
         */
        public Projection<E> start()
        {
            final Projection<E> projection = new Projection<>(this);
            synchronized (projection.control)
            {
                projection.start(checkpoints.load(name) + 1);
            }
            return projection;
        }
    }
}
