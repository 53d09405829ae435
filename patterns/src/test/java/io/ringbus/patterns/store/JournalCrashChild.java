package io.ringbus.patterns.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child JVM of {@link JournalCrashTest}: opens the journal, then appends from several threads until killed,
 * printing each acknowledged event as {@code ACK <position> <text> END} once its append has returned.
 */
public final class JournalCrashChild
{
    private JournalCrashChild()
    {
    }

    /**
     * @param args the directory, the fsync policy, the number of appending threads, a tag for the stream names,
     *             and {@code chunked} to write each append in many small writes, so that a kill more often tears
     *             one.
     */
    public static void main(final String[] args)
    {
        final Path dir = Path.of(args[0]);
        final FsyncPolicy policy = FsyncPolicy.valueOf(args[1]);
        final int threads = Integer.parseInt(args[2]);
        final String tag = args[3];
        final JournalIo io = "chunked".equals(args[4]) ? new ChunkedIo() : JournalIo.DEFAULT;
        final JournalEventStore<Note> store = JournalEventStore.builder(dir, Note.CODEC).fsync(policy)
            .segmentSize(64 << 10).io(io).open();
        System.out.println("OPEN " + store.lastPosition() + " " + store.tornBytes() + " END");
        System.out.flush();
        for (int t = 0; t < threads; t++)
        {
            final int thread = t;
            final Thread appender = new Thread(() ->
            {
                final String padding = "x".repeat(60 + thread * 7);
                for (long seq = 0; ; seq++)
                {
                    final int size = 1 + (int)(seq % 3);
                    final List<EventData<Note>> batch = new ArrayList<>(size);
                    for (int i = 0; i < size; i++)
                    {
                        batch.add(EventData.of(new Note(tag + "-" + thread + "-" + seq + "-" + i + "-" + padding, seq)));
                    }
                    final AppendResult result = store.append(tag + "-" + thread, ExpectedVersion.ANY, batch);
                    final StringBuilder acks = new StringBuilder();
                    for (int i = 0; i < size; i++)
                    {
                        acks.append("ACK ").append(result.position() - size + 1 + i).append(' ')
                            .append(batch.get(i).event().text()).append(" END\n");
                    }
                    System.out.print(acks);
                }
            }, "appender-" + t);
            appender.start();
        }
    }

    /**
     * Writes 16 bytes at a time.
     */
    private static final class ChunkedIo implements JournalIo
    {
        @Override
        public void write(final FileChannel channel, final ByteBuffer source, final long position) throws IOException
        {
            long at = position;
            while (source.hasRemaining())
            {
                final ByteBuffer chunk = source.duplicate();
                chunk.limit(Math.min(source.limit(), source.position() + 16));
                final int written = channel.write(chunk, at);
                source.position(source.position() + written);
                at += written;
            }
        }
    }
}
