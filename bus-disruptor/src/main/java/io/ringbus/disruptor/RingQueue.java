package io.ringbus.disruptor;

import com.lmax.disruptor.Sequence;
import io.ringbus.api.BusClosedException;
import io.ringbus.api.DeadLetter;
import io.ringbus.api.DestinationStats;
import io.ringbus.api.Handler;
import io.ringbus.api.Queue;
import io.ringbus.api.QueueOptions;
import io.ringbus.api.RetryPolicy;
import io.ringbus.api.ScheduledMessage;
import io.ringbus.api.SubscribeOptions;
import io.ringbus.api.Subscription;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A queue: one multi-producer ring per priority level in use (see {@link Lane}), consumers competing for
 * messages through each lane's shared work sequence (see {@link QueueConsumer}). Messages sent while no consumer
 * is attached wait in the rings, up to their capacity. Delayed messages and retries wait on the bus's timer
 * and are put into their lane when due; messages whose last attempt failed go to the dead-letter queue.
 * <p>
 * <b>Note:</b> thread-safe.
 *
 * @param <E> type of the messages.
 */
final class RingQueue<E> extends Destination implements Queue<E>
{
    final Sequence work = new Sequence();
    private final QueueGate gate = new QueueGate(work);
    final QueueOptions options;
    private final Supplier<RingQueue<DeadLetter<E>>> deadLetterQueue;
    private final Lane[] byPriority = new Lane[MAX_PRIORITY + 1];
    /** The lanes in use, highest priority first; only lane 0 until another priority is sent to. */
    volatile Lane[] lanes;
    private final Counter timerInjections = new Counter();
    private final AtomicLong delayedAccepted = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();

    /**
     * A queue with the default options and no dead-letter queue (failures are only reported).
     */
    RingQueue(final Engine engine, final String name, final Class<E> type, final DestinationStats.Kind kind)
    {
        this(engine, name, type, kind, QueueOptions.defaults(), null);
    }

    RingQueue(
        final Engine engine,
        final String name,
        final Class<E> type,
        final DestinationStats.Kind kind,
        final QueueOptions options,
        final Supplier<RingQueue<DeadLetter<E>>> deadLetterQueue)
    {
        super(engine, name, type, kind);
        this.options = Objects.requireNonNull(options, "options");
        this.deadLetterQueue = deadLetterQueue;
        ring.addGatingSequences(gate);
        byPriority[0] = new Lane(0, ring, work, gate);
        lanes = new Lane[] {byPriority[0]};
    }

    @Override
    @SuppressWarnings("unchecked")
    public Class<E> type()
    {
        return (Class<E>)type;
    }

    @Override
    public QueueOptions options()
    {
        return options;
    }

    @Override
    public void send(final E message)
    {
        checkInstance(message, "message");
        offer(message);
    }

    @Override
    public boolean trySend(final E message)
    {
        checkInstance(message, "message");
        return tryOffer(message);
    }

    @Override
    public void send(final E message, final int priority)
    {
        checkInstance(message, "message");
        if (priority < 0 || priority > MAX_PRIORITY)
        {
            throw new IllegalArgumentException(
                "priority must be from 0 to Queue.MAX_PRIORITY (" + MAX_PRIORITY + "): " + priority);
        }
        offer(lane(priority).ring, message, NO_DEADLINE);
    }

    /**
     * The lane of a priority, made on first use.
     */
    Lane lane(final int priority)
    {
        // The volatile read of the lanes orders the read of byPriority after createLane's write of it.
        final Lane existing = lanes.length > 0 ? byPriority[priority] : null;
        return existing != null ? existing : createLane(priority);
    }

    private synchronized Lane createLane(final int priority)
    {
        final Lane existing = byPriority[priority];
        if (existing != null)
        {
            return existing;
        }
        final Lane lane = new Lane(priority, engine.config.ringSize());
        for (final RingSubscriber s : subscribers)
        {
            // Holding nothing in a lane it has never polled; see QueueGate.
            lane.gate.add(((QueueConsumer)s).take.positions[priority]);
        }
        byPriority[priority] = lane;
        final Lane[] next = Arrays.copyOf(lanes, lanes.length + 1);
        next[next.length - 1] = lane;
        Arrays.sort(next, (a, b) -> Integer.compare(b.priority, a.priority));
        lanes = next;
        // After the lanes are published, before the first message can be: a consumer in the middle of a batch
        // sees the signal at its next message and reads the lanes again (see QueueConsumer.poll).
        for (final RingSubscriber s : subscribers)
        {
            s.raise(QueueConsumer.LANES_CHANGED);
        }
        return lane;
    }

    @Override
    public ScheduledMessage sendAfter(final E message, final Duration delay)
    {
        checkInstance(message, "message");
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative())
        {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        return schedule(message, engine.config.clock().nanoTime() + saturatedNanos(delay));
    }

    @Override
    public ScheduledMessage sendAt(final E message, final Instant when)
    {
        checkInstance(message, "message");
        Objects.requireNonNull(when, "when");
        final TimerClock clock = engine.config.clock();
        final Duration delay = Duration.between(clock.instant(), when);
        return schedule(message, clock.nanoTime() + (delay.isNegative() ? 0 : saturatedNanos(delay)));
    }

    private static long saturatedNanos(final Duration delay)
    {
        // About 292 years: a longer delay is as good as never, and must not overflow the deadline.
        return delay.compareTo(Duration.ofDays(365L * 100)) > 0 ? Duration.ofDays(365L * 100).toNanos() : delay.toNanos();
    }

    private ScheduledMessage schedule(final E message, final long deadline)
    {
        engine.ensureOpen(name);
        final DelayedSend task = new DelayedSend(this, message, deadline);
        delayedAccepted.incrementAndGet();
        engine.timer().submit(task);
        return task;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Queue<DeadLetter<E>> deadLetters()
    {
        if (deadLetterQueue == null)
        {
            throw new UnsupportedOperationException(describe() + " has no dead-letter queue");
        }
        return deadLetterQueue.get();
    }

    @Override
    public Subscription consume(final Handler<? super E> handler)
    {
        return consume(handler, SubscribeOptions.defaults());
    }

    @Override
    public Subscription consume(final Handler<? super E> handler, final SubscribeOptions options)
    {
        Objects.requireNonNull(handler, "handler");
        Options.checkSupported(options);
        engine.ensureOpen(name);
        final QueueConsumer consumer =
            new QueueConsumer(this, handler, engine.dispatchers.choose(this, options.dedicatedThread()));
        consumer.attach();
        return consumer;
    }

    // ---------------------------------------------------------------- timer, retries, dead letters

    /**
     * Put a due message (or a {@link Retry}) into its lane. Timer thread only.
     *
     * @return false if the lane is full.
     */
    boolean inject(final Object event, final int priority)
    {
        if (!tryOfferInternal(byPriority[priority].ring, event))
        {
            return false;
        }
        timerInjections.increment();
        return true;
    }

    void cancelled()
    {
        cancelled.incrementAndGet();
    }

    /**
     * A handler threw on a message: retry it after its backoff, or dead-letter it after its last attempt.
     * Runs on the consumer's dispatcher thread.
     * <p>
     * The consumer lets go of the message here, not when it next claims: handing the message over wakes the
     * timer thread or the letter's consumer, which on a busy machine may take this thread's core, and the
     * message, ended elsewhere, would count in this queue's depth meanwhile. A retry is let go of only once it
     * is on the timer, so that close, which asks the timer after the queue drained, sees it; a dead letter
     * before it is offered, so that once its consumer has it this queue no longer counts it.
     *
     * @param attempts attempts made, this one included.
     * @param from     the consumer whose handler threw.
     */
    void failed(
        final Object message, final Throwable cause, final int attempts, final int priority, final QueueConsumer from)
    {
        if (deadLetterQueue == null)
        {
            return;
        }
        final RetryPolicy policy = options.retryPolicy();
        if (attempts < policy.maxAttempts())
        {
            retries.incrementAndGet();
            final long deadline = engine.config.clock().nanoTime() + policy.backoffBefore(attempts + 1).toNanos();
            engine.timer().submit(new Retry(this, message, attempts, priority, deadline));
            from.letGo();
            return;
        }
        deadLettered.incrementAndGet();
        final RingQueue<DeadLetter<E>> dlq;
        try
        {
            dlq = deadLetterQueue.get();
        }
        catch (final RuntimeException ex)
        {
            engine.errors.report("dead letter of " + describe() + " lost: its dead-letter queue could not be made: " + ex);
            return;
        }
        @SuppressWarnings("unchecked")
        final DeadLetter<E> letter = new DeadLetter<>((E)message, cause, attempts);
        from.letGo();
        if (!dlq.tryOfferInternal(dlq.ring, letter))
        {
            dlq.deadLetterRefused(letter, this, attempts);
        }
    }

    /**
     * This dead-letter queue was full. With a consumer, the letter waits on the timer for room (a dispatcher
     * must not wait: it may be the one draining this queue); with none, room may never come, so it is dropped,
     * reported and counted as unrouted.
     */
    private void deadLetterRefused(final Object letter, final RingQueue<?> from, final int attempts)
    {
        if (hasSubscribers())
        {
            delayedAccepted.incrementAndGet();
            engine.timer().submit(new DelayedSend(this, letter, engine.config.clock().nanoTime()));
            return;
        }
        unrouted.increment();
        engine.errors.report(describe() + " is full and has no consumer: dropped the dead letter of " +
            from.describe() + " after " + attempts + " attempt(s), counted as unrouted there");
    }

    /**
     * A delayed message or retry the bus closed on before it was due: told to the error handler.
     */
    void lost(final Object message, final long deadline, final String what)
    {
        final long late = deadline - engine.config.clock().nanoTime();
        engine.errors.handlerFailed(new BusClosedException(
            "the bus closed before this " + what + " on " + describe() + " was due (in " +
            HandlerNames.duration(Math.max(0, late)) + "): not delivered"), name, message, "the bus's timer");
    }

    // ---------------------------------------------------------------- gating, stats, close

    @Override
    synchronized void gate(final RingSubscriber subscriber)
    {
        final LaneTake take = ((QueueConsumer)subscriber).take;
        for (final Lane lane : lanes)
        {
            // Holding nothing until its first claim there; see QueueGate.
            lane.gate.add(take.positions[lane.priority]);
        }
    }

    @Override
    synchronized void ungate(final RingSubscriber subscriber)
    {
        final LaneTake take = ((QueueConsumer)subscriber).take;
        for (final Lane lane : lanes)
        {
            lane.gate.remove(take.positions[lane.priority]);
        }
    }

    @Override
    long minimumGatingSequence()
    {
        return gate.get();
    }

    @Override
    long depth()
    {
        long depth = 0;
        for (final Lane lane : lanes)
        {
            depth += lane.depth();
        }
        return depth;
    }

    @Override
    long published()
    {
        long ringPublished = 0;
        for (final Lane lane : lanes)
        {
            ringPublished += lane.ring.getCursor() + 1;
        }
        return ringPublished - tombstones() - timerInjections.get() + delayedAccepted.get() - cancelled.get();
    }

    @Override
    long[] queueCounters()
    {
        final long retried = retries.get();
        final long delayed = delayedAccepted.get() - cancelled.get() + retried - timerInjections.get();
        return new long[] {retried, deadLettered.get(), delayed};
    }

    @Override
    void markDrainTarget()
    {
        for (final Lane lane : lanes)
        {
            lane.drainTarget = lane.ring.getCursor();
        }
    }

    @Override
    boolean drainedToTarget()
    {
        for (final Lane lane : lanes)
        {
            if (lane.gate.get() < lane.drainTarget)
            {
                return false;
            }
        }
        return true;
    }

    @Override
    long undeliveredAtTarget()
    {
        long undelivered = 0;
        for (final Lane lane : lanes)
        {
            undelivered += Math.max(0, lane.drainTarget - lane.gate.get());
        }
        return undelivered;
    }
}
