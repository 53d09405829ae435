package io.ringbus.patterns.store;

import io.ringbus.api.codec.Codec;
import io.ringbus.api.codec.CodecException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A rough measurement of the journal, reported, never asserted: appends per second of 100-byte events under each
 * fsync policy (one appender, and four for group commit), and replay speed of a journal of a million events
 * (reopen with index rebuild, then reading every event back). The bench module wires it in later; figures taken
 * on a shared machine are noise.
 * <pre>
 * mvn -B -q -pl patterns -am test-compile
 * java -cp patterns/target/test-classes:patterns/target/classes:bus-api/target/classes \
 *     io.ringbus.patterns.store.JournalSpeed [directory] [seconds per run] [replay events]
 * </pre>
 */
public final class JournalSpeed
{
    /** A 100-byte payload. */
    private static final Codec<byte[]> PAYLOAD = new Codec<>()
    {
        @Override
        @SuppressWarnings("unchecked")
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
            if (length != 100)
            {
                throw new CodecException("payload takes 100 bytes, got " + length);
            }
            final byte[] value = new byte[length];
            buffer.get(offset, value);
            return value;
        }
    };

    private JournalSpeed()
    {
    }

    /**
     * @param args optional: a scratch directory, seconds per append run, events for the replay run.
     * @throws Exception if the disk fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final Path root = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("journal-speed");
        final double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2.0;
        final int replayEvents = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        try
        {
            System.out.println("journal speed, 100-byte events, " + seconds + " s per run, in " + root);
            appends(root.resolve("every-1"), FsyncPolicy.EVERY_APPEND, 1, seconds);
            appends(root.resolve("group-1"), FsyncPolicy.GROUP, 1, seconds);
            appends(root.resolve("group-4"), FsyncPolicy.GROUP, 4, seconds);
            appends(root.resolve("none-1"), FsyncPolicy.NONE, 1, seconds);
            replay(root.resolve("replay"), replayEvents);
        }
        finally
        {
            delete(root);
        }
    }

    private static void appends(final Path dir, final FsyncPolicy policy, final int threads, final double seconds)
        throws InterruptedException
    {
        final byte[] payload = new byte[100];
        final AtomicLong appended = new AtomicLong();
        final AtomicBoolean stop = new AtomicBoolean();
        try (JournalEventStore<byte[]> store = JournalEventStore.builder(dir, PAYLOAD).fsync(policy).open())
        {
            final List<Thread> appenders = new ArrayList<>();
            for (int t = 0; t < threads; t++)
            {
                final String stream = "stream-" + t;
                appenders.add(new Thread(() ->
                {
                    while (!stop.get())
                    {
                        store.append(stream, ExpectedVersion.ANY, List.of(EventData.of(payload)));
                        appended.incrementAndGet();
                    }
                }));
            }
            final long start = System.nanoTime();
            appenders.forEach(Thread::start);
            Thread.sleep((long)(seconds * 1000));
            stop.set(true);
            for (final Thread appender : appenders)
            {
                appender.join();
            }
            final double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "append %-12s %d thread(s): %,12.0f appends/s (%,d in %.2f s)%n",
                policy, threads, appended.get() / elapsed, appended.get(), elapsed);
        }
    }

    private static void replay(final Path dir, final int events)
    {
        final byte[] payload = new byte[100];
        final long writeStart = System.nanoTime();
        try (JournalEventStore<byte[]> store = JournalEventStore.builder(dir, PAYLOAD).fsync(FsyncPolicy.NONE).open())
        {
            final List<EventData<byte[]>> batch = new ArrayList<>();
            for (int i = 0; i < events; i++)
            {
                batch.add(EventData.of(payload));
                if (batch.size() == 100)
                {
                    store.append("stream-" + (i % 1000), ExpectedVersion.ANY, batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty())
            {
                store.append("stream-last", ExpectedVersion.ANY, batch);
            }
        }
        System.out.printf(Locale.ROOT, "wrote %,d events in batches of 100 (NONE) in %.2f s%n", events,
            (System.nanoTime() - writeStart) / 1e9);

        final long openStart = System.nanoTime();
        try (JournalEventStore<byte[]> store = JournalEventStore.open(dir, PAYLOAD))
        {
            final double open = (System.nanoTime() - openStart) / 1e9;
            final long readStart = System.nanoTime();
            long read = 0;
            long position = 0;
            while (true)
            {
                final List<RecordedEvent<byte[]>> chunk = store.readAll(position, 4096);
                if (chunk.isEmpty())
                {
                    break;
                }
                read += chunk.size();
                position = chunk.get(chunk.size() - 1).position() + 1;
            }
            final double reading = (System.nanoTime() - readStart) / 1e9;
            System.out.printf(Locale.ROOT, "reopen (recovery + index rebuild): %,12.0f events/s (%.2f s)%n",
                events / open, open);
            System.out.printf(Locale.ROOT, "replay readAll, decoded:           %,12.0f events/s (%,d in %.2f s)%n",
                read / reading, read, reading);
        }
    }

    private static void delete(final Path root) throws IOException
    {
        try (Stream<Path> files = Files.walk(root))
        {
            for (final Path file : files.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(file);
            }
        }
    }
}
