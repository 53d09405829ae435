package io.ringbus.patterns.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * An event store in the heap: for tests, read models that can be rebuilt, and prototypes. Lost with the JVM.
 *
 * <pre>{@code
 * EventStore<AccountEvent> store = new InMemoryEventStore<>();
 * }</pre>
 * <p>
 * <b>Note:</b> thread-safe; see {@link EventStore}.
 *
 * @param <E> type of the events.
 */
public final class InMemoryEventStore<E> extends AbstractEventStore<E>
{
    /**
     * Chunks of events by position, so that readers outside the lock see published slots safely (an
     * {@code AtomicReferenceArray} slot is written before the position is acknowledged).
     */
    private static final int CHUNK_SHIFT = 12;
    private static final int CHUNK = 1 << CHUNK_SHIFT;

    private final List<AtomicReferenceArray<RecordedEvent<E>>> chunks = new ArrayList<>();
    private volatile AtomicReferenceArray<?>[] chunkView = new AtomicReferenceArray<?>[0];

    /**
     * An empty store.
     */
    public InMemoryEventStore()
    {
    }

    @Override
    void write(
        final String streamId,
        final byte[] streamIdBytes,
        final long firstVersion,
        final long firstPosition,
        final List<EventData<E>> events,
        final long timestamp)
    {
        long position = firstPosition;
        long version = firstVersion;
        for (final EventData<E> data : events)
        {
            final int chunk = (int)(position >>> CHUNK_SHIFT);
            if (chunk == chunks.size())
            {
                chunks.add(new AtomicReferenceArray<>(CHUNK));
                chunkView = chunks.toArray(new AtomicReferenceArray<?>[0]);
            }
            chunks.get(chunk).set((int)(position & (CHUNK - 1)),
                new RecordedEvent<>(streamId, version, position, data.eventId(), timestamp, data.event()));
            position++;
            version++;
        }
    }

    @Override
    void readPositions(final long[] positions, final List<RecordedEvent<E>> out)
    {
        for (final long position : positions)
        {
            out.add(readAt(position));
        }
    }

    @SuppressWarnings("unchecked")
    private RecordedEvent<E> readAt(final long position)
    {
        final AtomicReferenceArray<?> chunk = chunkView[(int)(position >>> CHUNK_SHIFT)];
        return (RecordedEvent<E>)chunk.get((int)(position & (CHUNK - 1)));
    }

    @Override
    void readRange(final long fromPosition, final int count, final List<RecordedEvent<E>> out)
    {
        for (long p = fromPosition; p < fromPosition + count; p++)
        {
            out.add(readAt(p));
        }
    }
}
