package io.ringbus.api;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * An event bus: type-addressed and named publish/subscribe, point-to-point queues and request/reply.
 * <p>
 * <b>Addresses</b> are dot-separated names of letters, digits, {@code _} and {@code -}
 * ({@code orders.eu.placed}). Patterns add {@code *} for exactly one segment and {@code #} for zero or more,
 * as AMQP topic exchanges do. A pattern subscription attaches to every matching topic, existing or created
 * later; matching happens when topics or subscriptions are created, never per event. Topics and queues share
 * one name space; request addresses have their own.
 * <p>
 * <b>Verbs</b>: {@code publish} reaches every subscriber; {@code send} reaches exactly one consumer;
 * {@code request} reaches exactly one responder and completes a future with its reply.
 * <p>
 * <b>Note:</b> thread-safe. Handlers run on the bus's dispatcher threads, never on the caller's.
 *
 * <pre>{@code
 * try (Bus bus = Ringbus.create()) {
 *     bus.subscribe(OrderPlaced.class, e -> System.out.println("placed " + e));
 *     bus.publish(new OrderPlaced("order-1"));
 * }
 * }</pre>
 */
public interface Bus extends AutoCloseable
{
    /**
     * Publish by type: every subscriber of the event's class, of its superclasses and of its interfaces
     * receives it. An event nobody receives is wrapped in a {@link DeadEvent}, published to its subscribers and
     * counted. Waits per the bus's {@link BackpressurePolicy} if a ring is full.
     *
     * @param event to publish, not {@code null}.
     * @throws NullPointerException  if {@code event} is {@code null}.
     * @throws BackpressureException if a ring is full and the policy is {@link BackpressurePolicy#FAIL}; rings
     *                               of other receiving types may have accepted the event already.
     * @throws BusClosedException    if the bus is closed.
     */
    void publish(Object event);

    /**
     * Publish by type without waiting. When the event has several receiving types, it is accepted by each
     * ring that has room: {@code false} says that at least one ring was full.
     *
     * @param event to publish, not {@code null}.
     * @return {@code true} if every receiving ring accepted it.
     * @throws NullPointerException if {@code event} is {@code null}.
     * @throws BusClosedException   if the bus is closed.
     */
    boolean tryPublish(Object event);

    /**
     * Subscribe to events given to {@link #publish(Object)} whose class is {@code type} or a subtype.
     *
     * @param type    the class or interface to receive.
     * @param handler to call.
     * @param <E>     type of the events.
     * @return the subscription.
     */
    <E> Subscription subscribe(Class<E> type, Handler<? super E> handler);

    /**
     * Subscribe by type with options, for instance a dedicated dispatcher thread.
     *
     * @param type    the class or interface to receive.
     * @param handler to call.
     * @param options how to deliver.
     * @param <E>     type of the events.
     * @return the subscription.
     * @throws BusClosedException       if the bus is closed.
     * @throws IllegalArgumentException if the options break a rule of {@link SubscribeOptions#after} or
     *                                  {@link SubscribeOptions#replayLast}.
     */
    <E> Subscription subscribe(Class<E> type, Handler<? super E> handler, SubscribeOptions options);

    /**
     * The topic of that name, created if it does not exist.
     *
     * @param name a dot-separated name.
     * @param type the class of its events; must be the same as when the topic was created.
     * @param <E>  type of the events.
     * @return the topic.
     * @throws IllegalArgumentException if the name is invalid, is a queue, or the topic has another type.
     */
    <E> Topic<E> topic(String name, Class<E> type);

    /**
     * The topic of that name in slot mode, created if it does not exist: its ring is filled at creation with
     * ring-size events made by {@code slotFactory}, and publishers fill them in through
     * {@link Topic#publish(Translator, Object)}, so that publishing allocates nothing. Handlers get the slot
     * objects themselves and must not keep references to them after {@code onEvent} returns. Declared without
     * a copier, the topic refuses {@link Topic#publish(Object)} and {@link SubscribeOptions#replayLast replay}.
     *
     * @param name        a dot-separated name.
     * @param type        the class of its events.
     * @param slotFactory makes one mutable event per slot, each an instance of {@code type}.
     * @param <E>         type of the events.
     * @return the topic.
     * @throws IllegalArgumentException if the name is invalid or already names a queue, a topic of another
     *                                  type, or a topic declared in object mode or with a copier.
     */
    <E> Topic<E> topic(String name, Class<E> type, Supplier<? extends E> slotFactory);

    /**
     * The topic of that name in slot mode, with a copier: as {@link #topic(String, Class, Supplier)}, and
     * {@link Topic#publish(Object)} copies the given event into a slot with {@code copier}, and a
     * {@link SubscribeOptions#replayLast replay} copies held slots into fresh events with it.
     *
     * @param name        a dot-separated name.
     * @param type        the class of its events.
     * @param slotFactory makes one mutable event per slot, each an instance of {@code type}.
     * @param copier      copies its argument's state into the slot it is given; must read nothing but its
     *                    argument and write nothing but the slot.
     * @param <E>         type of the events.
     * @return the topic.
     * @throws IllegalArgumentException if the name is invalid or already names a queue, a topic of another
     *                                  type, or a topic declared in object mode or without a copier.
     */
    <E> Topic<E> topic(
        String name, Class<E> type, Supplier<? extends E> slotFactory, Translator<? super E, ? super E> copier);

    /**
     * The topic of that name, created with these options if it does not exist. Declare a topic with its options
     * before anything else uses its name: once it exists, asking for it with other options is refused (a plain
     * {@link #topic(String, Class)} only looks it up).
     *
     * <pre>{@code
     * Topic<Tick> ticks = bus.topic("md.ticks", Tick.class, TopicOptions.defaults().singleWriter(true));
     * }</pre>
     *
     * @param name    a dot-separated name.
     * @param type    the class of its events; must be the same as when the topic was created.
     * @param options its ring size and whether one thread publishes.
     * @param <E>     type of the events.
     * @return the topic.
     * @throws IllegalArgumentException if the name is invalid, is a queue, or the topic exists with another type,
     *                                  mode or options.
     */
    <E> Topic<E> topic(String name, Class<E> type, TopicOptions options);

    /**
     * The topic of that name in slot mode, created with these options if it does not exist: as
     * {@link #topic(String, Class, Supplier, Translator)} with {@link TopicOptions}.
     *
     * @param name        a dot-separated name.
     * @param type        the class of its events.
     * @param slotFactory makes one mutable event per slot, each an instance of {@code type}.
     * @param copier      copies an event into a slot, or {@code null} for a slot-mode topic without a copier.
     * @param options     its ring size and whether one thread publishes.
     * @param <E>         type of the events.
     * @return the topic.
     * @throws IllegalArgumentException if the name is invalid or already names a queue, or a topic of another
     *                                  type, mode or options.
     */
    <E> Topic<E> topic(
        String name,
        Class<E> type,
        Supplier<? extends E> slotFactory,
        Translator<? super E, ? super E> copier,
        TopicOptions options);

    /**
     * The queue of that name, created if it does not exist.
     *
     * @param name a dot-separated name.
     * @param type the class of its messages; must be the same as when the queue was created.
     * @param <E>  type of the messages.
     * @return the queue.
     * @throws IllegalArgumentException if the name is invalid, is a topic, or the queue has another type.
     */
    <E> Queue<E> queue(String name, Class<E> type);

    /**
     * The queue of that name, created with these options if it does not exist. Declare a queue with its options
     * before anything else uses its name: once it exists, asking for it with other options is refused.
     *
     * @param name    a dot-separated name.
     * @param type    the class of its messages; must be the same as when the queue was created.
     * @param options its retry policy and starvation guard.
     * @param <E>     type of the messages.
     * @return the queue.
     * @throws IllegalArgumentException if the name is invalid, is a topic, or the queue has another type or other
     *                                  options.
     */
    <E> Queue<E> queue(String name, Class<E> type, QueueOptions options);

    /**
     * Subscribe to every topic whose name matches a pattern, now and later, whose type is {@code type} or a
     * subtype of it; topics of other types are left alone.
     *
     * @param pattern a name, or a pattern with {@code *} (one segment) and {@code #} (zero or more).
     * @param type    the class of events wanted.
     * @param handler to call; never called concurrently with itself, whatever the number of topics.
     * @param <E>     type of the events.
     * @return one subscription for all matching topics.
     * @throws IllegalArgumentException if the pattern is invalid.
     */
    <E> Subscription subscribe(String pattern, Class<E> type, Handler<? super E> handler);

    /**
     * Subscribe to a pattern with options. Only {@link SubscribeOptions#dedicatedThread} applies: a pattern
     * spans topics, so {@code after} and {@code replayLast}, which are about one topic's ring, are refused.
     *
     * @param pattern a name or pattern.
     * @param type    the class of events wanted.
     * @param handler to call.
     * @param options how to deliver.
     * @param <E>     type of the events.
     * @return one subscription for all matching topics.
     * @throws IllegalArgumentException if the options ask for {@code after} or {@code replayLast}.
     */
    <E> Subscription subscribe(String pattern, Class<E> type, Handler<? super E> handler, SubscribeOptions options);

    /**
     * Answer requests at an address. Several responders at one address compete: each request is answered once.
     *
     * @param address     a dot-separated address.
     * @param requestType the class of requests.
     * @param responder   computes the reply.
     * @param <Q>         type of the requests.
     * @param <R>         type of the replies.
     * @return the registration; close it to stop responding.
     * @throws IllegalArgumentException if the address is invalid or already answered for another type.
     */
    <Q, R> Registration respond(String address, Class<Q> requestType, Responder<Q, R> responder);

    /**
     * Answer requests at an address with replies of a known type, so that a {@code request} expecting a reply
     * type the responder can never produce is refused at the call instead of failing when the reply arrives. An
     * annotated {@code @Respond} method declares its reply type the same way, through its return type.
     *
     * <pre>{@code
     * bus.respond("order.status", OrderId.class, OrderStatus.class, id -> book.status(id));
     * bus.request("order.status", id, String.class, timeout);   // IllegalArgumentException: replies are OrderStatus
     * }</pre>
     *
     * @param address     a dot-separated address.
     * @param requestType the class of requests.
     * @param replyType   the class of every reply.
     * @param responder   computes the reply.
     * @param <Q>         type of the requests.
     * @param <R>         type of the replies.
     * @return the registration; close it to stop responding.
     * @throws IllegalArgumentException if the address is invalid, already answered for another request type, or
     *                                  answered with another reply type.
     */
    default <Q, R> Registration respond(
        final String address, final Class<Q> requestType, final Class<R> replyType, final Responder<Q, R> responder)
    {
        java.util.Objects.requireNonNull(replyType, "replyType");
        return respond(address, requestType, responder);
    }

    /**
     * Send a request to one responder. The future completes with the reply; exceptionally with
     * {@link java.util.concurrent.TimeoutException} after {@code timeout}, with {@link NoResponderException} at
     * once when nobody responds at the address, or with the exception the responder threw.
     *
     * @param address   the address.
     * @param request   the request, not {@code null}.
     * @param replyType the class of the reply.
     * @param timeout   how long to wait for the reply, positive.
     * @param <Q>       type of the request.
     * @param <R>       type of the reply.
     * @return the future reply; once the bus is closed, a future failed with {@link BusClosedException}.
     * @throws IllegalArgumentException if the address is invalid, the timeout not positive, or the request not of
     *                                  the class the address's responders take.
     */
    <Q, R> CompletableFuture<R> request(String address, Q request, Class<R> replyType, Duration timeout);

    /**
     * Send a request to one responder and have the outcome handed to a callback: the same outcomes as
     * {@link #request(String, Object, Class, Duration)}, without a future. Once warm, a round trip allocates
     * nothing in the bus (the request, the reply and the callback are the caller's objects).
     *
     * @param address   the address.
     * @param request   the request, not {@code null}.
     * @param replyType the class of the reply.
     * @param timeout   how long to wait for the reply, positive.
     * @param callback  called exactly once with the reply or the failure.
     * @param <Q>       type of the request.
     * @param <R>       type of the reply.
     * @throws IllegalArgumentException if the address is invalid, the timeout not positive, or the request not of
     *                                  the class the address's responders take.
     */
    <Q, R> void request(
        String address, Q request, Class<R> replyType, Duration timeout, ReplyCallback<? super R> callback);

    /**
     * Wire every {@link io.ringbus.api.annotation.Subscribe}, {@link io.ringbus.api.annotation.Consume} and
     * {@link io.ringbus.api.annotation.Respond} method of the listener, including those declared on its
     * superclasses and interfaces. Methods are bound once here; nothing is looked up per event.
     *
     * @param listener an object with annotated methods.
     * @return the registration; close it to unwire them all.
     * @throws IllegalArgumentException if a method is malformed (static, wrong arity, inaccessible) or the
     *                                  listener has none.
     */
    Registration register(Object listener);

    /**
     * A snapshot of the counters.
     *
     * @return the counters now.
     */
    BusStats stats();

    /**
     * Stop accepting, deliver everything already accepted, stop and join every dispatcher thread. Publishers
     * waiting for space are released with {@link BusClosedException}. Idempotent.
     */
    @Override
    void close();
}
