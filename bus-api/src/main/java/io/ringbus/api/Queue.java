package io.ringbus.api;

import java.time.Duration;
import java.time.Instant;

/**
 * A named point-to-point destination: each message accepted is handled by exactly one of its consumers while
 * the process lives. Consumers compete; a slow consumer does not hold the others back. Messages sent while no
 * consumer is attached wait in the queue, up to its capacity.
 * <p>
 * A consumer always takes the highest-priority message available, FIFO within one priority; {@link #send(Object)}
 * is priority 0, the lowest. A message whose handler throws is retried per the queue's {@link RetryPolicy}
 * (see {@link QueueOptions}) and then goes to the dead-letter queue {@code <name>.dlq} ({@link #deadLetters()}).
 * <p>
 * Shares its simple name with {@code java.util.Queue}: import it by name.
 * <p>
 * <b>Note:</b> thread-safe; any number of threads may send at once.
 *
 * <pre>{@code
 * Queue<Payment> payments = bus.queue("payments", Payment.class);
 * payments.consume(p -> gateway.charge(p));
 * payments.consume(p -> gateway.charge(p));   // a second, competing consumer
 * payments.send(new Payment("order-1", 42_00));
 * }</pre>
 *
 * @param <E> type of the messages carried.
 */
public interface Queue<E>
{
    /**
     * The highest priority for {@link #send(Object, int)}; 0 is the lowest.
     */
    int MAX_PRIORITY = 7;

    /**
     * The queue's name.
     *
     * @return the dot-separated name given when the queue was created.
     */
    String name();

    /**
     * The type of message the queue carries.
     *
     * @return the class given when the queue was created.
     */
    Class<E> type();

    /**
     * Send to one consumer at priority 0 (the lowest), waiting per the bus's {@link BackpressurePolicy} if the queue is full.
     *
     * @param message to send, not {@code null}.
     * @throws NullPointerException  if {@code message} is {@code null}.
     * @throws BackpressureException if the queue is full and the policy is {@link BackpressurePolicy#FAIL}.
     * @throws BusClosedException    if the bus is closed or closes while waiting.
     */
    void send(E message);

    /**
     * Send without waiting.
     *
     * @param message to send, not {@code null}.
     * @return {@code true} if accepted, {@code false} if the queue is full.
     * @throws BusClosedException if the bus is closed.
     */
    boolean trySend(E message);

    /**
     * Send with a priority: a consumer always takes the highest-priority message available, FIFO within one.
     * Waits per the bus's {@link BackpressurePolicy} if that priority's lane is full.
     *
     * @param message  to send, not {@code null}.
     * @param priority from 0 (lowest, the same lane as {@link #send(Object)}) to {@link #MAX_PRIORITY} (highest).
     * @throws NullPointerException     if {@code message} is {@code null}.
     * @throws IllegalArgumentException if {@code priority} is out of range.
     * @throws BackpressureException    if the lane is full and the policy is {@link BackpressurePolicy#FAIL}.
     * @throws BusClosedException       if the bus is closed or closes while waiting.
     */
    void send(E message, int priority);

    /**
     * Send once a delay has passed: never delivered before it, and within a few of the bus's timer ticks after
     * it. Put into the queue at priority 0 when due.
     *
     * @param message to send, not {@code null}.
     * @param delay   how long to wait, not negative.
     * @return a handle to cancel the message while it waits.
     * @throws NullPointerException     if an argument is {@code null}.
     * @throws IllegalArgumentException if {@code delay} is negative.
     * @throws BusClosedException       if the bus is closed.
     */
    ScheduledMessage sendAfter(E message, Duration delay);

    /**
     * Send at an instant: never delivered before it (an instant in the past means at once).
     *
     * @param message to send, not {@code null}.
     * @param when    the earliest delivery time, by the bus's clock.
     * @return a handle to cancel the message while it waits.
     * @throws NullPointerException if an argument is {@code null}.
     * @throws BusClosedException   if the bus is closed.
     */
    ScheduledMessage sendAt(E message, Instant when);

    /**
     * The dead-letter queue {@code <name>.dlq}: messages whose every attempt failed, with the last cause and the
     * number of attempts. Also reachable as {@code bus.queue("<name>.dlq", DeadLetter.class)}.
     *
     * @return the dead-letter queue, created if it does not exist.
     */
    Queue<DeadLetter<E>> deadLetters();

    /**
     * The options the queue was declared with.
     *
     * @return the options.
     */
    QueueOptions options();

    /**
     * Attach a competing consumer on a shared dispatcher thread.
     *
     * @param handler to call for each message this consumer takes.
     * @return the subscription; close it to stop this consumer.
     */
    Subscription consume(Handler<? super E> handler);

    /**
     * Attach a competing consumer with options, for instance a dedicated dispatcher thread.
     *
     * @param handler to call for each message this consumer takes.
     * @param options how to deliver.
     * @return the subscription; close it to stop this consumer.
     */
    Subscription consume(Handler<? super E> handler, SubscribeOptions options);
}
