package io.ringbus.bench.subjects;

import io.ringbus.api.codec.Codec;
import io.ringbus.api.codec.CodecException;
import io.ringbus.bench.JournalSubject;
import io.ringbus.bench.Session;
import io.ringbus.patterns.store.EventData;
import io.ringbus.patterns.store.ExpectedVersion;
import io.ringbus.patterns.store.FsyncPolicy;
import io.ringbus.patterns.store.JournalEventStore;
import io.ringbus.patterns.store.RecordedEvent;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The patterns module's durable {@link JournalEventStore} with 100-byte events: either appends per second under
 * one fsync policy (each appender thread appends one event at a time to a stream of its own, for a fixed time),
 * or replay: write {@code replayEvents} events (fsync NONE, batches of 100), reopen the journal (recovery and
 * index rebuild), then read every event back with {@code readAll} in chunks of 4096, decoded; the rate is the
 * read, the reopen rate is in the note.
 * <p>
 * <b>Note:</b> immutable; the threads it starts are joined before {@link #measure} returns.
 */
public final class RingbusJournalSubject implements JournalSubject
{
    /** Bytes per event. */
    public static final int EVENT_BYTES = 100;
    private static final int REPLAY_BATCH = 100;
    private static final int READ_CHUNK = 4096;
    private static final long JOIN_MS = 30_000;

    /** A 100-byte payload, copied as it is. */
    private static final Codec<byte[]> PAYLOAD = new Codec<>()
    {
        @Override
        public Class<byte[]> type()
        {
            return byte[].class;
        }

        @Override
        public int maxEncodedLength(final byte[] value)
        {
            return value.length;
        }

        @Override
        public int encode(final byte[] value, final ByteBuffer buffer, final int offset)
        {
            buffer.put(offset, value);
            return value.length;
        }

        @Override
        public byte[] decode(final ByteBuffer buffer, final int offset, final int length)
        {
            if (length != EVENT_BYTES)
            {
                throw new CodecException("an event takes " + EVENT_BYTES + " bytes, got " + length);
            }
            final byte[] value = new byte[length];
            buffer.get(offset, value);
            return value;
        }
    };

    private final FsyncPolicy fsync;
    private final int appenders;
    private final boolean replay;

    private RingbusJournalSubject(final FsyncPolicy fsync, final int appenders, final boolean replay)
    {
        this.fsync = fsync;
        this.appenders = appenders;
        this.replay = replay;
    }

    /**
     * Appends per second.
     *
     * @param fsync     the fsync policy.
     * @param appenders appending threads, each to a stream of its own.
     * @return the subject.
     */
    public static RingbusJournalSubject appends(final FsyncPolicy fsync, final int appenders)
    {
        if (appenders < 1)
        {
            throw new IllegalArgumentException("appenders must be at least 1: " + appenders);
        }
        return new RingbusJournalSubject(fsync, appenders, false);
    }

    /**
     * Replay (read back) events per second of a journal written with fsync NONE.
     *
     * @return the subject.
     */
    public static RingbusJournalSubject replay()
    {
        return new RingbusJournalSubject(FsyncPolicy.NONE, 1, true);
    }

    @Override
    public String name()
    {
        return replay ? "ringbus-journal-replay" :
            appenders == 1 ? "ringbus-journal-append" : "ringbus-journal-append-" + appenders + "t";
    }

    /** The fsync policy stands where other subjects name their idle strategy. */
    @Override
    public String idle()
    {
        return "fsync-" + fsync.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Nothing to set up ahead: {@link #measure} opens the store in its scratch folder. */
    @Override
    public Session open()
    {
        return () ->
        {
        };
    }

    @Override
    public Rate measure(final Path scratch, final double seconds, final int replayEvents) throws Exception
    {
        return replay ? replay(scratch, replayEvents) : appends(scratch, seconds);
    }

    private Rate appends(final Path scratch, final double seconds) throws Exception
    {
        final byte[] payload = new byte[EVENT_BYTES];
        final AtomicLong appended = new AtomicLong();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        try (JournalEventStore<byte[]> store = JournalEventStore.builder(scratch, PAYLOAD).fsync(fsync).open())
        {
            final List<Thread> threads = new ArrayList<>();
            final long start = System.nanoTime();
            final long end = start + (long)(seconds * 1e9);
            for (int t = 0; t < appenders; t++)
            {
                final String stream = "stream-" + t;
                final Thread thread = new Thread(() ->
                {
                    try
                    {
                        while (System.nanoTime() < end)
                        {
                            store.append(stream, ExpectedVersion.ANY, List.of(EventData.of(payload)));
                            appended.incrementAndGet();
                        }
                    }
                    catch (final Throwable ex)
                    {
                        failure.compareAndSet(null, ex);
                    }
                }, "bench-journal-" + t);
                thread.setDaemon(true);
                threads.add(thread);
            }
            threads.forEach(Thread::start);
            for (final Thread thread : threads)
            {
                thread.join(JOIN_MS);
                if (thread.isAlive())
                {
                    throw new IllegalStateException(thread.getName() + " did not stop within " + JOIN_MS + " ms");
                }
            }
            final double elapsed = (System.nanoTime() - start) / 1e9;
            if (failure.get() != null)
            {
                throw new IllegalStateException("append failed: " + failure.get(), failure.get());
            }
            return new Rate(appended.get() / elapsed, String.format(Locale.ROOT,
                "%d appender thread%s, 1 event per append; %,d appends in %.2f s", appenders,
                appenders == 1 ? "" : "s", appended.get(), elapsed));
        }
    }

    private static Rate replay(final Path scratch, final int events)
    {
        final byte[] payload = new byte[EVENT_BYTES];
        final long writeStart = System.nanoTime();
        try (JournalEventStore<byte[]> store = JournalEventStore.builder(scratch, PAYLOAD).fsync(FsyncPolicy.NONE).open())
        {
            final List<EventData<byte[]>> batch = new ArrayList<>(REPLAY_BATCH);
            for (int i = 0; i < events; i++)
            {
                batch.add(EventData.of(payload));
                if (batch.size() == REPLAY_BATCH || i == events - 1)
                {
                    store.append("stream-" + (i / REPLAY_BATCH % 1000), ExpectedVersion.ANY, batch);
                    batch.clear();
                }
            }
        }
        final double write = (System.nanoTime() - writeStart) / 1e9;
        final long openStart = System.nanoTime();
        try (JournalEventStore<byte[]> store = JournalEventStore.open(scratch, PAYLOAD))
        {
            final double open = (System.nanoTime() - openStart) / 1e9;
            final long readStart = System.nanoTime();
            long read = 0;
            long position = 0;
            int touched = 0;
            while (true)
            {
                final List<RecordedEvent<byte[]>> chunk = store.readAll(position, READ_CHUNK);
                if (chunk.isEmpty())
                {
                    break;
                }
                read += chunk.size();
                touched += chunk.get(chunk.size() - 1).event().length;
                position = chunk.get(chunk.size() - 1).position() + 1;
            }
            final double reading = (System.nanoTime() - readStart) / 1e9;
            if (read != events || touched == 0)
            {
                throw new IllegalStateException("replay read " + read + " events of " + events + " written");
            }
            return new Rate(read / reading, String.format(Locale.ROOT,
                "%,d events read back with readAll, decoded, in %.2f s; reopen (recovery + index rebuild) %s events/s; " +
                "written in batches of %d at %s events/s", read, reading, rate(events / open), REPLAY_BATCH,
                rate(events / write)));
        }
    }

    private static String rate(final double perSecond)
    {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }
}
