package io.ringbus.patterns.store;

import io.ringbus.api.Handler;

import java.util.List;

/**
 * Streams of events with optimistic concurrency, one global order, and catch-up subscriptions.
 * <p>
 * An append either happens whole or not at all. Once {@code append} returns, the events are acknowledged: for
 * the journal, synced under its {@link FsyncPolicy}. Readers and subscribers only ever see acknowledged events.
 *
 * <pre>{@code
 * AppendResult r = store.append("account-1", ExpectedVersion.NO_STREAM, List.of(EventData.of(new Opened("ann"))));
 * store.append("account-1", r.version(), List.of(EventData.of(new Deposited(100))));
 * }</pre>
 * <p>
 * <b>Note:</b> thread-safe. Subscription handlers run on a thread of their own per subscription.
 *
 * @param <E> type of the events.
 */
public interface EventStore<E> extends AutoCloseable
{
    /** The longest stream id, in UTF-8 bytes. */
    int MAX_STREAM_ID_LENGTH = 255;

    /**
     * Append events to a stream, at the stream's next versions and the store's next positions.
     * <p>
     * <b>Idempotent retry:</b> if the first event's id was already appended to this stream, and the following ids
     * follow it there in the same order, nothing is added and the first append's result is returned, whatever
     * {@code expectedVersion} says. A batch that repeats some appended ids but not as one earlier append is
     * refused.
     *
     * @param streamId        the stream: 1 to {@value #MAX_STREAM_ID_LENGTH} UTF-8 bytes.
     * @param expectedVersion the stream's version this append was decided on: a version from 0 up, or
     *                        {@link ExpectedVersion#ANY}, {@link ExpectedVersion#NO_STREAM},
     *                        {@link ExpectedVersion#STREAM_EXISTS}.
     * @param events          one or more events with distinct ids.
     * @return the stream's new version and the last event's position.
     * @throws ConcurrencyException     if the stream is not at {@code expectedVersion}; nothing was appended.
     * @throws IllegalArgumentException if an argument breaks a rule above, naming it.
     * @throws JournalFailedException   if the journal could not write or sync; the append is not acknowledged.
     * @throws IllegalStateException    if the store is closed.
     */
    AppendResult append(String streamId, long expectedVersion, List<EventData<E>> events);

    /**
     * The events of a stream from a version on, in order.
     *
     * @param streamId    the stream.
     * @param fromVersion the first version wanted, from 0.
     * @return the events, empty if the stream has none there.
     */
    List<RecordedEvent<E>> read(String streamId, long fromVersion);

    /**
     * The version of a stream: that of its last acknowledged event, {@link ExpectedVersion#NO_STREAM} if none.
     *
     * @param streamId the stream.
     * @return its version.
     */
    long version(String streamId);

    /**
     * Every acknowledged event from a global position on, at most {@code maxCount} of them.
     *
     * @param fromPosition the first position wanted, from 0.
     * @param maxCount     the most events to return, positive.
     * @return the events in position order.
     */
    List<RecordedEvent<E>> readAll(long fromPosition, int maxCount);

    /**
     * Every acknowledged event from a global position on. Holds them all in memory: use
     * {@link #readAll(long, int)} or {@link #subscribeAll} for large stores.
     *
     * @param fromPosition the first position wanted, from 0.
     * @return the events in position order.
     */
    default List<RecordedEvent<E>> readAll(final long fromPosition)
    {
        return readAll(fromPosition, Integer.MAX_VALUE);
    }

    /**
     * Deliver every event from {@code fromPosition} on: first those already stored (catch-up), then each new one
     * as it is acknowledged (live), each exactly once and in position order, with no gap at the switch. The
     * subscription reads the store by position, so catching up and going live are one loop.
     * <p>
     * A handler that throws stops the subscription; the exception is kept in {@link StoreSubscription#failure()}
     * and reported on standard error. The failed event's position is not counted as handled.
     *
     * @param fromPosition the first position to deliver, from 0.
     * @param handler      called for each event on the subscription's own thread, never concurrently.
     * @return the subscription; close it to stop.
     */
    StoreSubscription subscribeAll(long fromPosition, Handler<? super RecordedEvent<E>> handler);

    /**
     * The position of the last acknowledged event, -1 when the store is empty.
     *
     * @return the last position readers can see.
     */
    long lastPosition();

    /**
     * Stop every subscription and release the store's resources. Idempotent.
     */
    @Override
    void close();
}
