package io.ringbus.api;

/**
 * A named publish/subscribe destination: every subscriber sees every event published after it subscribed,
 * in one total order per topic.
 * <p>
 * A topic is in <em>object mode</em> (the default: each event is the caller's object, passed by reference) or
 * in <em>slot mode</em> (declared with {@link Bus#topic(String, Class, java.util.function.Supplier)}: the ring
 * holds preallocated mutable events and publishers fill them in through a {@link Translator}, so that a hot
 * path allocates nothing). In slot mode a handler is given the ring's own slot object: it must not keep a
 * reference to it, or to anything inside it that the next publication overwrites, after {@code onEvent}
 * returns; copy what it needs.
 * <p>
 * <b>Note:</b> thread-safe; any number of threads may publish at once.
 *
 * <pre>{@code
 * Topic<Price> prices = bus.topic("prices.eurusd", Price.class);
 * prices.subscribe(p -> book.update(p));
 * prices.publish(new Price("EURUSD", 1.0842));
 * }</pre>
 *
 * @param <E> type of the events carried.
 */
public interface Topic<E>
{
    /**
     * The topic's name.
     *
     * @return the dot-separated name given when the topic was created.
     */
    String name();

    /**
     * The type of event the topic carries.
     *
     * @return the class given when the topic was created.
     */
    Class<E> type();

    /**
     * Publish to every current subscriber, waiting per the bus's {@link BackpressurePolicy} if the ring is full.
     * On a slot-mode topic the event is copied into a slot with the topic's copier.
     *
     * @param event to publish, not {@code null}.
     * @throws NullPointerException  if {@code event} is {@code null}.
     * @throws BackpressureException if the ring is full and the policy is {@link BackpressurePolicy#FAIL}.
     * @throws BusClosedException    if the bus is closed or closes while waiting.
     * @throws IllegalStateException if the topic is in slot mode and was declared without a copier.
     */
    void publish(E event);

    /**
     * Publish without waiting. On a slot-mode topic the event is copied into a slot with the topic's copier.
     *
     * @param event to publish, not {@code null}.
     * @return {@code true} if accepted, {@code false} if the ring is full.
     * @throws BusClosedException    if the bus is closed.
     * @throws IllegalStateException if the topic is in slot mode and was declared without a copier.
     */
    boolean tryPublish(E event);

    /**
     * Slot mode: claim a slot, let the translator fill it in, publish it; allocates nothing. Waits per the
     * bus's {@link BackpressurePolicy} if the ring is full. With no subscriber the translator is not called and
     * the event counts as unrouted.
     *
     * @param translator writes {@code arg} into the slot, not {@code null}.
     * @param arg        passed to the translator.
     * @param <A>        type of the argument.
     * @throws IllegalStateException if the topic is in object mode (there is no preallocated event).
     * @throws BusClosedException    if the bus is closed or closes while waiting.
     * @throws RuntimeException      what the translator threw; nothing is published then.
     */
    <A> void publish(Translator<? super E, ? super A> translator, A arg);

    /**
     * Slot mode, without waiting: see {@link #publish(Translator, Object)}.
     *
     * @param translator writes {@code arg} into the slot, not {@code null}.
     * @param arg        passed to the translator.
     * @param <A>        type of the argument.
     * @return {@code true} if accepted, {@code false} if the ring is full (the translator was not called).
     * @throws IllegalStateException if the topic is in object mode.
     * @throws BusClosedException    if the bus is closed.
     */
    <A> boolean tryPublish(Translator<? super E, ? super A> translator, A arg);

    /**
     * Slot mode with two arguments: see {@link #publish(Translator, Object)}.
     *
     * @param translator writes {@code a} and {@code b} into the slot, not {@code null}.
     * @param a          first argument.
     * @param b          second argument.
     * @param <A>        type of the first argument.
     * @param <B>        type of the second argument.
     * @throws IllegalStateException if the topic is in object mode.
     * @throws BusClosedException    if the bus is closed or closes while waiting.
     */
    <A, B> void publish(BiTranslator<? super E, ? super A, ? super B> translator, A a, B b);

    /**
     * Slot mode with two arguments, without waiting: see {@link #publish(Translator, Object)}.
     *
     * @param translator writes {@code a} and {@code b} into the slot, not {@code null}.
     * @param a          first argument.
     * @param b          second argument.
     * @param <A>        type of the first argument.
     * @param <B>        type of the second argument.
     * @return {@code true} if accepted, {@code false} if the ring is full (the translator was not called).
     * @throws IllegalStateException if the topic is in object mode.
     * @throws BusClosedException    if the bus is closed.
     */
    <A, B> boolean tryPublish(BiTranslator<? super E, ? super A, ? super B> translator, A a, B b);

    /**
     * Publish a run of events, waiting per the bus's {@link BackpressurePolicy} for room for all of them. The
     * in-process engine claims the whole run at once (it must fit in the ring), so it stays contiguous in the
     * topic's order and costs one claim; a transport may publish the events one at a time. On a slot-mode topic
     * each event is copied into a slot with the topic's copier. Allocates nothing.
     *
     * <pre>{@code
     * Price[] batch = ...;
     * prices.publish(batch, 0, n);
     * }</pre>
     *
     * @param events holds the events; none of {@code events[from .. from + count - 1]} may be {@code null}.
     * @param from   index of the first event to publish.
     * @param count  how many to publish, from 0 to the ring size.
     * @throws NullPointerException      if {@code events} or one of the events is {@code null}; nothing is published.
     * @throws IndexOutOfBoundsException if {@code from} and {@code count} do not lie within {@code events}.
     * @throws IllegalArgumentException  if {@code count} is larger than the ring.
     * @throws BusClosedException        if the bus is closed or closes while waiting.
     */
    default void publish(final E[] events, final int from, final int count)
    {
        Batches.check(events, from, count);
        for (int i = from; i < from + count; i++)
        {
            publish(events[i]);
        }
    }

    /**
     * Publish a run of events without waiting. The in-process engine publishes all of them with one claim or,
     * if the ring has less room, none; a transport may stop at the first event it cannot take now.
     *
     * @param events holds the events; none of {@code events[from .. from + count - 1]} may be {@code null}.
     * @param from   index of the first event to publish.
     * @param count  how many to publish, from 0 to the ring size.
     * @return how many of the run, from its start, were published: {@code count} or 0 in the in-process engine.
     * @throws NullPointerException      if {@code events} or one of the events is {@code null}; nothing is published.
     * @throws IndexOutOfBoundsException if {@code from} and {@code count} do not lie within {@code events}.
     * @throws IllegalArgumentException  if {@code count} is larger than the ring.
     * @throws BusClosedException        if the bus is closed.
     */
    default int tryPublish(final E[] events, final int from, final int count)
    {
        Batches.check(events, from, count);
        for (int i = from; i < from + count; i++)
        {
            if (!tryPublish(events[i]))
            {
                return i - from;
            }
        }
        return count;
    }

    /**
     * Slot mode, a run: one slot per argument, each filled in by the translator, published together with one
     * claim in the in-process engine (so it must fit in the ring); allocates nothing. If the translator throws,
     * none of the run is delivered in the in-process engine.
     *
     * @param translator writes one argument into one slot, not {@code null}.
     * @param args       the arguments, one per event.
     * @param from       index of the first argument.
     * @param count      how many events to publish, from 0 to the ring size.
     * @param <A>        type of the arguments.
     * @throws IllegalStateException     if the topic is in object mode.
     * @throws IndexOutOfBoundsException if {@code from} and {@code count} do not lie within {@code args}.
     * @throws IllegalArgumentException  if {@code count} is larger than the ring.
     * @throws BusClosedException        if the bus is closed or closes while waiting.
     */
    default <A> void publish(final Translator<? super E, ? super A> translator, final A[] args, final int from,
        final int count)
    {
        Batches.range(args, from, count);
        for (int i = from; i < from + count; i++)
        {
            publish(translator, args[i]);
        }
    }

    /**
     * Slot mode, a run, without waiting: see {@link #publish(Translator, Object[], int, int)}.
     *
     * @param translator writes one argument into one slot, not {@code null}.
     * @param args       the arguments, one per event.
     * @param from       index of the first argument.
     * @param count      how many events to publish, from 0 to the ring size.
     * @param <A>        type of the arguments.
     * @return how many of the run, from its start, were published: {@code count} or 0 in the in-process engine.
     * @throws IllegalStateException     if the topic is in object mode.
     * @throws IndexOutOfBoundsException if {@code from} and {@code count} do not lie within {@code args}.
     * @throws IllegalArgumentException  if {@code count} is larger than the ring.
     * @throws BusClosedException        if the bus is closed.
     */
    default <A> int tryPublish(final Translator<? super E, ? super A> translator, final A[] args, final int from,
        final int count)
    {
        Batches.range(args, from, count);
        for (int i = from; i < from + count; i++)
        {
            if (!tryPublish(translator, args[i]))
            {
                return i - from;
            }
        }
        return count;
    }

    /**
     * Slot mode with a {@code long}: the translator writes the value into the claimed slot; no boxing, no
     * capturing lambda, nothing allocated in the in-process engine. Waits per the bus's
     * {@link BackpressurePolicy} if the ring is full.
     *
     * <pre>{@code
     * static final LongTranslator<Tick> PRICE = (slot, micros) -> slot.priceMicros = micros;
     * ticks.publish(PRICE, 1_084_200L);
     * }</pre>
     *
     * @param translator writes {@code value} into the slot, not {@code null}.
     * @param value      passed to the translator.
     * @throws IllegalStateException if the topic is in object mode.
     * @throws BusClosedException    if the bus is closed or closes while waiting.
     */
    default void publish(final LongTranslator<? super E> translator, final long value)
    {
        publish(Batches.LONG, translator, value);
    }

    /**
     * Slot mode with a {@code long}, without waiting: see {@link #publish(LongTranslator, long)}.
     *
     * @param translator writes {@code value} into the slot, not {@code null}.
     * @param value      passed to the translator.
     * @return {@code true} if accepted, {@code false} if the ring is full (the translator was not called).
     * @throws IllegalStateException if the topic is in object mode.
     * @throws BusClosedException    if the bus is closed.
     */
    default boolean tryPublish(final LongTranslator<? super E> translator, final long value)
    {
        return tryPublish(Batches.LONG, translator, value);
    }

    /**
     * Slot mode: claim the next slot for the calling thread, waiting per the bus's {@link BackpressurePolicy} if
     * the ring is full; write its event and publish it through the {@link Claim}. Allocates nothing.
     *
     * <pre>{@code
     * try (Claim<Quote> claim = quotes.claim())
     * {
     *     claim.event().bidMicros = bid;
     *     claim.publish();
     * }
     * }</pre>
     *
     * @return the claim, reused by later calls of this thread once it is published or closed.
     * @throws IllegalStateException         if the topic is in object mode, or this thread holds an open claim on
     *                                       it already.
     * @throws BusClosedException            if the bus is closed or closes while waiting.
     * @throws UnsupportedOperationException if this topic cannot hand out slots (a topic shared between
     *                                       processes).
     */
    default Claim<E> claim()
    {
        throw new UnsupportedOperationException(
            "topic '" + name() + "' hands out no claims: publish through a Translator instead");
    }

    /**
     * Slot mode: claim the next slot if there is one free now; see {@link #claim()}.
     *
     * @return the claim, or {@code null} if the ring is full.
     * @throws IllegalStateException         if the topic is in object mode, or this thread holds an open claim on
     *                                       it already.
     * @throws BusClosedException            if the bus is closed.
     * @throws UnsupportedOperationException if this topic cannot hand out slots (a topic shared between
     *                                       processes).
     */
    default Claim<E> tryClaim()
    {
        throw new UnsupportedOperationException(
            "topic '" + name() + "' hands out no claims: publish through a Translator instead");
    }

    /**
     * Whether this topic holds preallocated events filled in by translators.
     *
     * @return {@code true} for a slot-mode topic.
     */
    boolean isSlotMode();

    /**
     * Subscribe with the default options: a shared dispatcher thread.
     *
     * @param handler to call for each event.
     * @return the subscription; close it to stop delivery.
     */
    Subscription subscribe(Handler<? super E> handler);

    /**
     * Subscribe with options: a dedicated dispatcher thread, {@link SubscribeOptions#after dependency
     * ordering} behind other subscriptions of this topic, or a {@link SubscribeOptions#replayLast replay} of the
     * last events still held in the ring.
     *
     * @param handler to call for each event.
     * @param options how to deliver.
     * @return the subscription; close it to stop delivery.
     * @throws IllegalArgumentException if {@code after} names a subscription that is not an open subscription of
     *                                  this topic, if {@code after} and {@code replayLast} are combined, or if
     *                                  a replay is asked of a slot-mode topic declared without a copier.
     */
    Subscription subscribe(Handler<? super E> handler, SubscribeOptions options);
}
