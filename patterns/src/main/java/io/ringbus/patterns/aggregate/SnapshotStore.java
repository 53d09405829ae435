package io.ringbus.patterns.aggregate;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where snapshots live. A snapshot is an optimisation: losing one only makes the next load replay more.
 * <p>
 * <b>Note:</b> implementations must be thread-safe.
 *
 * @param <S> type of the state.
 */
public interface SnapshotStore<S>
{
    /**
     * The latest snapshot of a stream.
     *
     * @param streamId the stream.
     * @return the snapshot, or empty.
     */
    Optional<Snapshot<S>> load(String streamId);

    /**
     * Keep a snapshot, replacing an older one of the same stream.
     *
     * @param snapshot the snapshot.
     */
    void save(Snapshot<S> snapshot);

    /**
     * Snapshots in a map of the heap.
     *
     * @param <S> type of the state.
     * @return an empty store.
     */
    static <S> SnapshotStore<S> inMemory()
    {
        final ConcurrentHashMap<String, Snapshot<S>> snapshots = new ConcurrentHashMap<>();
        return new SnapshotStore<>()
        {
            @Override
            public Optional<Snapshot<S>> load(final String streamId)
            {
                return Optional.ofNullable(snapshots.get(streamId));
            }

            @Override
            public void save(final Snapshot<S> snapshot)
            {
                // A slow writer must not replace a newer snapshot with an older one.
                snapshots.merge(snapshot.streamId(), snapshot, (old, now) -> now.version() > old.version() ? now : old);
            }
        };
    }
}
