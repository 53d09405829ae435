package io.ringbus.disruptor;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.ringbus.api.Handler;
import io.ringbus.api.Translator;

import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A topic subscriber: sees every event of the ring from the cursor at the time it attached, through a
 * sequence of its own that gates the ring's publishers.
 * <p>
 * It polls the ring itself rather than through Disruptor's {@code EventPoller}: the poller finds the highest
 * published sequence by scanning every slot up to the cursor before handing out a batch, so with a batch
 * limit and a large ring it rescans up to the whole ring for each batch. Here the scan stops at the batch, and
 * it reads only the slots' availability flags, not the cursor every publisher writes.
 * <p>
 * <b>Dependency ordering.</b> A subscriber made {@code after} others (its upstream) never reads past the
 * lowest of their sequences. Its dispatcher polls it only while it is marked ready (see {@link Dispatcher}), and
 * publishers mark it as any subscriber, but the work it waits for is the upstream's progress: so every follower
 * registers with each upstream subscriber, and an upstream subscriber stores its progress with a release store,
 * then reads its registered followers: only if there are some does it fence and mark them ready, so a
 * subscriber nobody follows pays no fence. A follower's dispatcher lowered its ready mark, fenced, then read the
 * upstream sequences: with the upstream's store, fence, mark read, that is the publishers' Dekker pairing again.
 * <p>
 * The fence is skipped on the strength of a read that may come before the store, so a registration racing a
 * batch could be missed by that batch. Hence the registration is acknowledged: the upstream's own thread, at
 * each poll and each look for work, publishes (release store) the registration count it has seen. Its stores
 * before that acknowledgement are visible to whoever reads it, and every batch after it sees the follower and
 * fences. Until a follower has read the acknowledgement of each of its upstream subscribers (or their
 * {@link Long#MAX_VALUE}, see below), it reports work and stays ready, yielding meanwhile; the registration
 * marks the upstream ready so that the acknowledgement comes at its next poll.
 * <p>
 * A closed upstream sets its sequence to {@link Long#MAX_VALUE} after leaving the ring, with a volatile store,
 * and marks its followers ready whoever they are: they then go on as if it had never been named, bounded by the
 * ring's availability flags like any subscriber.
 * <p>
 * <b>Replay.</b> Events behind the cursor are protected by no gating sequence: publishers may overwrite them
 * at any time, and Disruptor caches the minimum gating sequence, so a sequence added behind the cursor is not
 * reliably honoured. So a replay does not gate; it copies. The subscriber is first gated at the cursor, as
 * any new subscriber, which protects every live event after it. Then the subscribing thread copies the last
 * slots up to that position, newest first, each one like a seqlock read: its availability flag must say the
 * expected lap (else it waits for a publisher between its claim and its publication, or stops if the slot was
 * lapped), then the copy, then an acquire fence, then the cursor must still be less than one lap ahead of it
 * (a publisher claims, which moves the cursor, before it writes a slot). The first slot that fails ends the
 * copy, and every older one is lapped too. The copies are delivered before the live events that follow them.
 * <p>
 * <b>Note:</b> polled by its dispatcher thread only; attached once by the subscribing thread.
 */
final class TopicSubscriber extends RingSubscriber
{
    static final int BATCH_LIMIT = 256;

    private static final TopicSubscriber[] NO_UPSTREAM = new TopicSubscriber[0];
    private static final Followers NO_FOLLOWERS = new Followers(new TopicSubscriber[0], 0);
    /** What {@link #capture} finds in a slot a later lap has taken. */
    private static final Object LAPPED = new Object();
    /** A captured tombstone: the sequence counts, nobody is handed anything. */
    private static final Object TOMBSTONE = new Object();

    private final Sequence sequence = new Sequence();
    private final int batch;
    private final TopicSubscriber[] upstream;
    private final Sequence[] gates;
    private volatile Followers followers = NO_FOLLOWERS;
    /** The latest {@link Followers#epoch} this subscriber's dispatcher thread saw; see the class notes. */
    private volatile long acknowledged;
    /** Dispatcher thread only: the last value written to {@link #acknowledged}. */
    private long acknowledgedLocal;
    /**
     * The epoch of this subscriber's registration with each upstream one, 0 where it did not register (see
     * {@link #register()}); written before it is polled.
     */
    private final long[] registrations;
    /** Dispatcher thread only: every upstream subscriber acknowledged this one's registration. */
    private boolean settled;
    private final Replay replay;
    private Object[] replayed;
    private int replayIndex;

    /**
     * What a replaying subscriber copies and how.
     *
     * @param count   how many of the last events, at most the ring size.
     * @param factory for slot mode, makes the event each copy goes into; {@code null} in object mode.
     * @param copier  for slot mode, copies a slot into a fresh event; {@code null} in object mode.
     */
    record Replay(int count, Supplier<?> factory, Translator<Object, Object> copier)
    {
    }

    /**
     * The followers to mark ready after an advance, and how many registrations and removals made this value.
     */
    private record Followers(TopicSubscriber[] subscribers, long epoch)
    {
    }

    TopicSubscriber(
        final Destination destination, final Handler<?> handler, final Dispatcher dispatcher, final String label)
    {
        this(destination, handler, dispatcher, label, NO_UPSTREAM, null);
    }

    /**
     * @param upstream subscribers of the same destination that must handle an event before this one sees it.
     * @param replay   what to replay first, or {@code null}.
     */
    TopicSubscriber(
        final Destination destination,
        final Handler<?> handler,
        final Dispatcher dispatcher,
        final String label,
        final TopicSubscriber[] upstream,
        final Replay replay)
    {
        super(destination, handler, dispatcher, label);
        // A flag can only say "published" for a sequence within one lap of this subscriber's position; and
        // progress is published once a batch, so a batch of a whole small ring would stop its publishers until
        // the batch ends: a quarter lets them go on meanwhile.
        this.batch = Math.min(BATCH_LIMIT, Math.max(1, destination.ring.getBufferSize() / 4));
        this.upstream = upstream.clone();
        this.gates = new Sequence[upstream.length];
        for (int i = 0; i < upstream.length; i++)
        {
            gates[i] = upstream[i].sequence;
        }
        this.registrations = new long[upstream.length];
        this.replay = replay;
    }

    @Override
    Sequence sequence()
    {
        return sequence;
    }

    /**
     * Gate at the cursor, capture the replay behind it, then start being polled.
     */
    @Override
    void attach()
    {
        destination.attach(this);
        if (replay != null)
        {
            try
            {
                final Object[] copies = capture(
                    destination, sequence.get(), replay.count(), replay.factory(), replay.copier(),
                    destination.engine.config.closeTimeout().toNanos());
                replayed = copies.length == 0 ? null : copies;
            }
            catch (final RuntimeException | Error ex)
            {
                destination.detach(this);
                throw ex;
            }
        }
        register();
    }

    /**
     * Register with the upstream subscribers, then join the dispatcher. Separate from {@link #attach()} for the
     * jcstress test of the registration race.
     */
    void register()
    {
        for (int i = 0; i < upstream.length; i++)
        {
            // Every follower registers, whatever its dispatcher: an idle subscriber is polled only once marked.
            registrations[i] = upstream[i].follow(this, true);
            // Its acknowledgement comes when it is next polled: mark it so that it is.
            upstream[i].schedule();
        }
        dispatcher.add(this);
    }

    /**
     * @return the epoch of the followers after the change.
     */
    private synchronized long follow(final TopicSubscriber follower, final boolean add)
    {
        final Followers current = followers;
        final TopicSubscriber[] next = add ?
            CopyOnWrite.with(current.subscribers(), follower) : CopyOnWrite.without(current.subscribers(), follower);
        final long epoch = current.epoch() + 1;
        followers = new Followers(next, epoch);
        return epoch;
    }

    @Override
    void onDetached()
    {
        for (int i = 0; i < upstream.length; i++)
        {
            if (registrations[i] != 0)
            {
                upstream[i].follow(this, false);
            }
        }
        // Off the ring already: the followers now stop waiting for this subscriber, idle or registering.
        sequence.setVolatile(Long.MAX_VALUE);
        for (final TopicSubscriber f : followers.subscribers())
        {
            f.schedule();
        }
    }

    /**
     * Upstream side, on this subscriber's dispatcher thread: publish the registrations seen so far. The
     * release store orders every earlier progress store before it, and every later {@link #advance} reads
     * followers at least this recent.
     */
    private void acknowledge()
    {
        final long epoch = followers.epoch();
        if (epoch != acknowledgedLocal)
        {
            acknowledgedLocal = epoch;
            acknowledged = epoch;
        }
    }

    /**
     * Follower side: whether each upstream subscriber acknowledged this one's registration or left for good, so
     * that a parked dispatcher is sure to be woken.
     */
    private boolean settled()
    {
        if (settled)
        {
            return true;
        }
        for (int i = 0; i < upstream.length; i++)
        {
            final TopicSubscriber u = upstream[i];
            if (u.acknowledged < registrations[i] && u.sequence.get() != Long.MAX_VALUE)
            {
                return false;
            }
        }
        settled = true;
        return true;
    }

    @Override
    int poll()
    {
        acknowledge();
        if (replayed != null)
        {
            // The live events come next: poll again whether or not the replay is done.
            pollAgain = true;
            return pollReplayed();
        }
        final RingBuffer<Slot> ring = destination.ring;
        final boolean single = destination.singleWriter;
        final long last = sequence.get();
        long limit = last + batch;
        if (single)
        {
            // A single writer's cursor is its publication: one read per batch, as a BatchEventProcessor does.
            limit = Math.min(limit, ring.getCursor());
        }
        for (final Sequence gate : gates)
        {
            limit = Math.min(limit, gate.get());
        }
        long next = last + 1;
        try
        {
            // Multi-producer: bounded by the availability flags, since the cursor is the claims' CAS target.
            while (next <= limit && (single || ring.isAvailable(next)) && !isClosing())
            {
                final Object event = ring.get(next).event;
                next++;
                if (event != null)
                {
                    dispatch(event);
                }
            }
        }
        finally
        {
            // Even if something escaped dispatch, what was handled is never handed out again.
            if (next > last + 1)
            {
                advance(next - 1);
            }
        }
        final int taken = (int)(next - last - 1);
        pollAgain = taken == batch;
        return taken;
    }

    /**
     * Publish progress, then mark the followers ready if any: see the class notes for why the fence may be
     * skipped.
     */
    private void advance(final long handled)
    {
        sequence.set(handled);
        final TopicSubscriber[] wake = followers.subscribers();
        if (wake.length != 0)
        {
            // StoreLoad: the progress before the followers' ready marks.
            VarHandle.fullFence();
            for (final TopicSubscriber f : wake)
            {
                f.schedule();
            }
        }
    }

    private int pollReplayed()
    {
        final Object[] events = replayed;
        final int start = replayIndex;
        final int end = Math.min(events.length, start + batch);
        int i = start;
        try
        {
            while (i < end && !isClosing())
            {
                final Object event = events[i++];
                if (event != TOMBSTONE)
                {
                    dispatch(event);
                }
            }
        }
        finally
        {
            replayIndex = i;
            if (i == events.length)
            {
                replayed = null;
            }
        }
        return i - start;
    }

    @Override
    boolean hasWork()
    {
        // Called with the ready mark down and fenced: a registration seen here needs no marking of this one.
        acknowledge();
        if (replayed != null)
        {
            return true;
        }
        if (!settled())
        {
            // Not idle until acknowledged, which the upstream's next poll does: yield meanwhile.
            Thread.yield();
            return true;
        }
        // The claim, not only the cursor: a single writer's claim store is what pairs with this look (see the
        // package documentation, "Single writer"); a claimed slot not yet published keeps this subscriber ready.
        long limit = destination.claimCursor();
        for (final Sequence gate : gates)
        {
            limit = Math.min(limit, gate.get());
        }
        return limit > sequence.get();
    }

    /**
     * Copy the last {@code count} events up to {@code end} that the ring still holds, as described in the
     * class notes.
     *
     * @param end           the last sequence to copy: where the subscriber was gated.
     * @param factory       for slot mode, makes each copy; {@code null} to copy references (object mode).
     * @param copier        for slot mode, copies a slot's event into a copy.
     * @param timeoutNanos  how long to wait for a publisher to publish a slot it claimed.
     * @return the copies, oldest first, {@link #TOMBSTONE} for a skipped slot; possibly empty.
     */
    static Object[] capture(
        final Destination destination,
        final long end,
        final int count,
        final Supplier<?> factory,
        final Translator<Object, Object> copier,
        final long timeoutNanos)
    {
        final long first = Math.max(0, end - Math.min(count, destination.ring.getBufferSize()) + 1);
        if (end < first)
        {
            return new Object[0];
        }
        final Object[] copies = new Object[(int)(end - first + 1)];
        final long deadline = System.nanoTime() + timeoutNanos;
        long oldest = end + 1;
        for (long q = end; q >= first; q--)
        {
            final Object copy = captureOne(destination, q, factory, copier, deadline);
            if (copy == LAPPED)
            {
                break;
            }
            copies[(int)(q - first)] = copy;
            oldest = q;
        }
        return Arrays.copyOfRange(copies, (int)(oldest - first), copies.length);
    }

    private static Object captureOne(
        final Destination destination,
        final long q,
        final Supplier<?> factory,
        final Translator<Object, Object> copier,
        final long deadline)
    {
        final RingBuffer<Slot> ring = destination.ring;
        final int size = ring.getBufferSize();
        for (int attempt = 0; ; attempt++)
        {
            if (destination.isPublished(q))
            {
                final Slot slot = ring.get(q);
                final Object event = slot.event;
                Object copy;
                RuntimeException failure = null;
                try
                {
                    copy = event == null ? TOMBSTONE : copyOf(event, factory, copier);
                }
                catch (final RuntimeException ex)
                {
                    // Perhaps a publisher was overwriting the slot meanwhile: the validation below says.
                    copy = null;
                    failure = ex;
                }
                // The copy's reads before the claim's: a later lap claims before it writes the slot.
                VarHandle.acquireFence();
                if (destination.claimCursor() - q >= size)
                {
                    return LAPPED;
                }
                if (failure != null)
                {
                    throw failure;
                }
                return copy;
            }
            if (destination.claimCursor() - q >= size)
            {
                return LAPPED;
            }
            // Claimed but not yet published: its publisher is between claim and publication.
            if (System.nanoTime() - deadline >= 0)
            {
                throw new IllegalStateException("replay gave up: sequence " + q + " was claimed and left " +
                    "unpublished for longer than the close timeout (a publisher stuck in its translator?)");
            }
            Backoff.pause(attempt);
        }
    }

    private static Object copyOf(
        final Object event, final Supplier<?> factory, final Translator<Object, Object> copier)
    {
        if (copier == null)
        {
            return event;
        }
        final Object copy = factory.get();
        copier.translateTo(copy, event);
        return copy;
    }
}
