package io.ringbus.patterns.cqrs;

import io.ringbus.api.Bus;
import io.ringbus.api.NoResponderException;
import io.ringbus.api.Registration;
import io.ringbus.api.Responder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks read models questions over the bus's request/reply: one handler per query type, the reply as a future.
 * A query may ask for read-your-writes: to be answered only once the read model's {@link Projection} has applied
 * the events up to a global position (the position an append or a command returned).
 *
 * <pre>{@code
 * QueryBus queries = new QueryBus(bus);
 * queries.register(GetBalance.class, balancesProjection, q -> balances.of(q.accountId()));
 * long balance = queries.query(new GetBalance("acc-1"), Long.class, outcome.position(), Duration.ofSeconds(1)).join();
 * }</pre>
 * <p>
 * Handlers run on bus dispatcher threads, never concurrently with themselves, but concurrently with the
 * projection updating the read model. A query with no handler fails at once with {@link NoResponderException};
 * one not answered in time with {@link TimeoutException}, which for a read-your-writes query names the position
 * the projection had reached.
 * <p>
 * <b>Note:</b> thread-safe.
 */
public final class QueryBus
{
    /** The name used when none is given. */
    public static final String DEFAULT_NAME = "queries";
    /** How long a query waits for its reply by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Bus bus;
    private final String name;
    private final Duration timeout;
    private final SoleHandlers<Target> handlers = new SoleHandlers<>("query");

    /**
     * A query bus named {@value #DEFAULT_NAME} with the default timeout.
     *
     * @param bus the bus that carries the queries.
     */
    public QueryBus(final Bus bus)
    {
        this(bus, DEFAULT_NAME, DEFAULT_TIMEOUT);
    }

    /**
     * A query bus.
     *
     * @param bus     the bus that carries the queries.
     * @param name    the address prefix of its handlers.
     * @param timeout how long a query waits for its reply when none is given, positive.
     */
    public QueryBus(final Bus bus, final String name, final Duration timeout)
    {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.name = Objects.requireNonNull(name, "name");
        this.timeout = positive(timeout);
    }

    private static Duration positive(final Duration timeout)
    {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative())
        {
            throw new IllegalArgumentException("timeout " + timeout + " must be positive");
        }
        return timeout;
    }

    /**
     * Answer queries of {@code type} without read-your-writes.
     *
     * @param type    the query class, matched exactly.
     * @param handler computes the reply, never {@code null}.
     * @param <Q>     type of the query.
     * @param <R>     type of the reply.
     * @return the registration; close it to remove the handler.
     * @throws IllegalStateException if {@code type} already has a handler.
     */
    public <Q, R> Registration register(final Class<Q> type, final Responder<? super Q, ? extends R> handler)
    {
        return register(type, null, handler);
    }

    /**
     * Answer queries of {@code type} from the read model that {@code projection} keeps, so that queries may wait
     * for it to reach a position.
     *
     * @param type       the query class, matched exactly.
     * @param projection the projection of the read model, or {@code null}.
     * @param handler    computes the reply, never {@code null}.
     * @param <Q>        type of the query.
     * @param <R>        type of the reply.
     * @return the registration; close it to remove the handler.
     * @throws IllegalStateException if {@code type} already has a handler.
     */
    public <Q, R> Registration register(
        final Class<Q> type, final Projection<?> projection, final Responder<? super Q, ? extends R> handler)
    {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(handler, "handler");
        final Target target = new Target(MethodBinder.address(name, type), projection);
        return handlers.claim(type, target, () -> bus.respond(target.address, type, handler::respond));
    }

    /**
     * Register every {@link QueryHandler} method of {@code readModel}, each for the type of its parameter.
     *
     * @param readModel  an object with annotated methods.
     * @param projection the projection keeping it, or {@code null}.
     * @return one registration for all of them.
     * @throws IllegalArgumentException if a method is malformed or there is none.
     * @throws IllegalStateException    if a query type already has a handler; none is registered then.
     */
    public Registration register(final Object readModel, final Projection<?> projection)
    {
        final List<MethodBinder.Bound> bound = MethodBinder.bind(readModel, QueryHandler.class, false, false);
        final List<Registration> done = new ArrayList<>();
        try
        {
            for (final MethodBinder.Bound method : bound)
            {
                @SuppressWarnings("unchecked")
                final Class<Object> type = (Class<Object>)method.parameterType();
                done.add(register(type, projection, method.responder()));
            }
        }
        catch (final RuntimeException ex)
        {
            done.forEach(Registration::close);
            throw ex;
        }
        return () -> done.forEach(Registration::close);
    }

    /**
     * Ask now, whatever the read model has reached.
     *
     * @param query     the query.
     * @param replyType the class of the reply.
     * @param <R>       type of the reply.
     * @return the reply.
     */
    public <R> CompletableFuture<R> query(final Object query, final Class<R> replyType)
    {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(replyType, "replyType");
        final Target target = handlers.get(query.getClass());
        if (null == target)
        {
            return CompletableFuture.failedFuture(new NoResponderException(MethodBinder.address(name, query.getClass())));
        }
        return bus.request(target.address, query, replyType, timeout);
    }

    /**
     * Ask once the read model has applied every event up to {@code position} (read your writes).
     *
     * @param query     the query.
     * @param replyType the class of the reply.
     * @param position  the global position the answer must reflect, e.g. from an append or a command.
     * @param timeout   for the wait and the reply together, positive.
     * @param <R>       type of the reply.
     * @return the reply; failed with {@link TimeoutException} naming the position reached if the projection did
     *         not reach {@code position} in time.
     * @throws IllegalArgumentException if the query's handler was registered without a projection.
     */
    public <R> CompletableFuture<R> query(
        final Object query, final Class<R> replyType, final long position, final Duration timeout)
    {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(replyType, "replyType");
        positive(timeout);
        final Target target = handlers.get(query.getClass());
        if (null == target)
        {
            return CompletableFuture.failedFuture(new NoResponderException(MethodBinder.address(name, query.getClass())));
        }
        if (null == target.projection)
        {
            throw new IllegalArgumentException("query type " + query.getClass().getName() + " was registered " +
                "without a projection: it cannot wait for a position");
        }
        final long deadline = System.nanoTime() + timeout.toNanos();
        final Projection<?> projection = target.projection;
        final CompletableFuture<Long> reached = projection.whenReached(position);
        return reached
            .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
            .exceptionallyCompose(ex -> CompletableFuture.failedFuture(ex instanceof TimeoutException ?
                new TimeoutException("projection '" + projection.name() + "' reached position " +
                    projection.position() + ", not " + position + ", within " + timeout) : ex))
            .thenCompose(p -> bus.request(target.address, query, replyType,
                Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))));
    }

    /**
     * Where a query type is answered, and the projection of its read model.
     */
    private record Target(String address, Projection<?> projection)
    {
    }
}
