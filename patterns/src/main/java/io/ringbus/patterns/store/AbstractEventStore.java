package io.ringbus.patterns.store;

import io.ringbus.api.Handler;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What both stores share: the index (stream versions, event ids, the next position), the concurrency and
 * idempotency checks, the acknowledged position readers are bounded by, and catch-up subscriptions.
 * <p>
 * Appends are serialised by one lock: the checks, the write and the index update happen under it, so that two
 * appenders can never both win a version. Acknowledgement (a sync, for the journal) may happen after the lock is
 * released, which is what lets the journal's group commit share one {@code fsync} among appenders.
 * <p>
 * <b>Note:</b> thread-safe.
 *
 * @param <E> type of the events.
 */
abstract class AbstractEventStore<E> implements EventStore<E>
{
    /** How long a waiting subscriber sleeps at most before it looks again (a safety net; appends signal it). */
    private static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** Guards the index and the writes. */
    final ReentrantLock lock = new ReentrantLock();

    private final Map<String, LongArray> streams = new HashMap<>();
    private final EventIdIndex ids = new EventIdIndex();
    private long nextPosition;

    /** Signalled when {@link #acknowledged} grows or the store fails or closes. */
    private final ReentrantLock waitLock = new ReentrantLock();
    private final Condition advanced = waitLock.newCondition();
    private volatile long acknowledged = -1;
    private volatile boolean closed;

    private final List<CatchUpSubscription<E>> subscriptions = new CopyOnWriteArrayList<>();

    @Override
    public final AppendResult append(final String streamId, final long expectedVersion, final List<EventData<E>> events)
    {
        final byte[] streamIdBytes = checkStreamId(streamId);
        ExpectedVersion.validate(expectedVersion);
        checkEvents(events);

        final AppendResult result;
        lock.lock();
        try
        {
            checkOpen();
            checkWritable();
            final LongArray stream = streams.get(streamId);
            final long current = null == stream ? ExpectedVersion.NO_STREAM : stream.size() - 1;
            final AppendResult earlier = earlierAppend(streamId, stream, events);
            if (earlier != null)
            {
                result = earlier;
            }
            else
            {
                checkExpected(streamId, expectedVersion, current);
                final long firstPosition = nextPosition;
                write(streamId, streamIdBytes, current + 1, firstPosition, events, System.currentTimeMillis());
                index(streamId, stream, firstPosition, events);
                result = new AppendResult(current + events.size(), nextPosition - 1);
            }
        }
        finally
        {
            lock.unlock();
        }

        acknowledge(result.position());
        return result;
    }

    private void index(
        final String streamId, final LongArray existing, final long firstPosition, final List<EventData<E>> events)
    {
        final LongArray stream = existing != null ? existing : new LongArray(8);
        if (null == existing)
        {
            streams.put(streamId, stream);
        }
        long position = firstPosition;
        for (final EventData<E> data : events)
        {
            stream.add(position);
            ids.put(data.eventId(), position);
            position++;
        }
        nextPosition = position;
    }

    /**
     * Index one recovered event while opening; the journal calls this for every record, in position order.
     *
     * @return {@code null} if it fits, else what is wrong with it.
     */
    final String recover(final String streamId, final long version, final long position, final UUID eventId)
    {
        if (position != nextPosition)
        {
            return "record has position " + position + " where " + nextPosition + " was next";
        }
        final LongArray stream = streams.get(streamId);
        final long expected = null == stream ? 0 : stream.size();
        if (version != expected)
        {
            return "record of stream '" + streamId + "' has version " + version + " where " + expected + " was next";
        }
        if (ids.get(eventId) >= 0)
        {
            return "event id " + eventId + " appears twice";
        }
        final LongArray indexed = streams.computeIfAbsent(streamId, s -> new LongArray(8));
        indexed.add(position);
        ids.put(eventId, position);
        nextPosition = position + 1;
        return null;
    }

    /**
     * The result of the earlier append this batch retries, or {@code null} if it is new.
     */
    private AppendResult earlierAppend(final String streamId, final LongArray stream, final List<EventData<E>> events)
    {
        final long first = ids.get(events.get(0).eventId());
        if (first < 0)
        {
            for (final EventData<E> data : events)
            {
                if (ids.get(data.eventId()) >= 0)
                {
                    throw new IllegalArgumentException(
                        "events: event id " + data.eventId() + " was already appended, but not as a retry of one " +
                        "earlier append to stream '" + streamId + "' (the first event's id is new)");
                }
            }
            return null;
        }

        final int firstVersion = null == stream ? -1 : stream.indexOf(first);
        if (firstVersion < 0)
        {
            throw new IllegalArgumentException(
                "events: event id " + events.get(0).eventId() + " was already appended to another stream than '" +
                streamId + "'");
        }
        for (int i = 1; i < events.size(); i++)
        {
            final int version = firstVersion + i;
            if (version >= stream.size() || stream.get(version) != ids.get(events.get(i).eventId()))
            {
                throw new IllegalArgumentException(
                    "events: event id " + events.get(0).eventId() + " was already appended to stream '" + streamId +
                    "' at version " + firstVersion + ", but event id " + events.get(i).eventId() +
                    " does not follow it there: a retry must repeat the same batch");
            }
        }
        final int lastVersion = firstVersion + events.size() - 1;
        return new AppendResult(lastVersion, stream.get(lastVersion));
    }

    private static void checkExpected(final String streamId, final long expectedVersion, final long current)
    {
        final boolean ok;
        if (ExpectedVersion.ANY == expectedVersion)
        {
            ok = true;
        }
        else if (ExpectedVersion.STREAM_EXISTS == expectedVersion)
        {
            ok = current >= 0;
        }
        else
        {
            ok = expectedVersion == current;
        }
        if (!ok)
        {
            throw new ConcurrencyException(streamId, expectedVersion, current);
        }
    }

    private static byte[] checkStreamId(final String streamId)
    {
        Objects.requireNonNull(streamId, "streamId");
        final byte[] bytes = streamId.getBytes(StandardCharsets.UTF_8);
        if (0 == bytes.length || bytes.length > MAX_STREAM_ID_LENGTH)
        {
            throw new IllegalArgumentException(
                "streamId '" + streamId + "' has " + bytes.length + " UTF-8 bytes: it must have 1 to " +
                MAX_STREAM_ID_LENGTH);
        }
        return bytes;
    }

    private static <E> void checkEvents(final List<EventData<E>> events)
    {
        Objects.requireNonNull(events, "events");
        if (events.isEmpty())
        {
            throw new IllegalArgumentException("events is empty: append at least one event");
        }
        final Set<UUID> seen = new HashSet<>();
        for (final EventData<E> data : events)
        {
            Objects.requireNonNull(data, "events contains null");
            if (!seen.add(data.eventId()))
            {
                throw new IllegalArgumentException("events: event id " + data.eventId() + " appears twice in one batch");
            }
        }
    }

    void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("the event store is closed");
        }
    }

    /**
     * Throws if the store may no longer append (the journal after an I/O failure).
     */
    void checkWritable()
    {
    }

    /**
     * Write a batch, under the lock. On return the batch is written but maybe not yet acknowledged.
     *
     * @throws JournalFailedException if it could not; the index is then left as it was.
     */
    abstract void write(
        String streamId,
        byte[] streamIdBytes,
        long firstVersion,
        long firstPosition,
        List<EventData<E>> events,
        long timestamp);

    /**
     * Make everything up to {@code position} acknowledged, outside the lock; the in-memory store has nothing to
     * wait for.
     */
    void acknowledge(final long position)
    {
        acknowledged(position);
    }

    /**
     * Readers may now see everything up to {@code position}.
     */
    final void acknowledged(final long position)
    {
        waitLock.lock();
        try
        {
            if (position > acknowledged)
            {
                acknowledged = position;
                advanced.signalAll();
            }
        }
        finally
        {
            waitLock.unlock();
        }
    }

    /**
     * Wake every waiting subscriber, for it to see a failure or the close.
     */
    final void wakeAll()
    {
        waitLock.lock();
        try
        {
            advanced.signalAll();
        }
        finally
        {
            waitLock.unlock();
        }
    }

    /**
     * Wait until a position beyond {@code position} is acknowledged, the store closes, or a while passes.
     */
    final void awaitBeyond(final long position) throws InterruptedException
    {
        waitLock.lock();
        try
        {
            if (acknowledged <= position && !closed)
            {
                advanced.awaitNanos(WAIT_NANOS);
            }
        }
        finally
        {
            waitLock.unlock();
        }
    }

    /**
     * The events at acknowledged positions, in the order given, into {@code out}.
     */
    abstract void readPositions(long[] positions, List<RecordedEvent<E>> out);

    /**
     * Up to {@code count} events from {@code fromPosition}, all acknowledged, into {@code out}.
     */
    abstract void readRange(long fromPosition, int count, List<RecordedEvent<E>> out);

    @Override
    public final List<RecordedEvent<E>> read(final String streamId, final long fromVersion)
    {
        Objects.requireNonNull(streamId, "streamId");
        if (fromVersion < 0)
        {
            throw new IllegalArgumentException("fromVersion " + fromVersion + " is negative: versions start at 0");
        }
        checkOpen();
        final long limit = acknowledged;
        final long[] positions;
        lock.lock();
        try
        {
            final LongArray stream = streams.get(streamId);
            if (null == stream || fromVersion >= stream.size())
            {
                return List.of();
            }
            final long[] found = new long[(int)(stream.size() - fromVersion)];
            int n = 0;
            for (int v = (int)fromVersion; v < stream.size() && stream.get(v) <= limit; v++)
            {
                found[n++] = stream.get(v);
            }
            positions = java.util.Arrays.copyOf(found, n);
        }
        finally
        {
            lock.unlock();
        }

        final List<RecordedEvent<E>> events = new ArrayList<>(positions.length);
        readPositions(positions, events);
        return events;
    }

    @Override
    public final long version(final String streamId)
    {
        Objects.requireNonNull(streamId, "streamId");
        final long limit = acknowledged;
        lock.lock();
        try
        {
            final LongArray stream = streams.get(streamId);
            if (null == stream)
            {
                return ExpectedVersion.NO_STREAM;
            }
            int version = stream.size() - 1;
            while (version >= 0 && stream.get(version) > limit)
            {
                version--;
            }
            return version;
        }
        finally
        {
            lock.unlock();
        }
    }

    @Override
    public final List<RecordedEvent<E>> readAll(final long fromPosition, final int maxCount)
    {
        if (fromPosition < 0)
        {
            throw new IllegalArgumentException("fromPosition " + fromPosition + " is negative: positions start at 0");
        }
        if (maxCount <= 0)
        {
            throw new IllegalArgumentException("maxCount " + maxCount + " must be positive");
        }
        checkOpen();
        final long available = acknowledged - fromPosition + 1;
        if (available <= 0)
        {
            return List.of();
        }
        final int count = (int)Math.min(maxCount, available);
        final List<RecordedEvent<E>> events = new ArrayList<>(Math.min(count, 4096));
        readRange(fromPosition, count, events);
        return events;
    }

    @Override
    public final long lastPosition()
    {
        return acknowledged;
    }

    @Override
    public final StoreSubscription subscribeAll(
        final long fromPosition, final Handler<? super RecordedEvent<E>> handler)
    {
        if (fromPosition < 0)
        {
            throw new IllegalArgumentException("fromPosition " + fromPosition + " is negative: positions start at 0");
        }
        Objects.requireNonNull(handler, "handler");
        checkOpen();
        final CatchUpSubscription<E> subscription = new CatchUpSubscription<>(this, fromPosition, handler);
        subscriptions.add(subscription);
        subscription.start();
        return subscription;
    }

    final void removed(final CatchUpSubscription<E> subscription)
    {
        subscriptions.remove(subscription);
    }

    final boolean isClosed()
    {
        return closed;
    }

    @Override
    public final void close()
    {
        lock.lock();
        try
        {
            if (closed)
            {
                return;
            }
            closed = true;
        }
        finally
        {
            lock.unlock();
        }
        wakeAll();
        for (final CatchUpSubscription<E> subscription : subscriptions)
        {
            subscription.close();
        }
        lock.lock();
        try
        {
            release();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Release files and the like, under the lock, once subscriptions are stopped.
     */
    void release()
    {
    }
}
