package io.ringbus.patterns.store;

import io.ringbus.api.codec.Codec;
import io.ringbus.api.codec.CodecException;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * A durable event store: append-only segment files in one directory, each record framed with its length and a
 * CRC-32C as {@link RecordDescriptor} lays out, payloads written by the events' {@link Codec}.
 *
 * <pre>{@code
 * try (JournalEventStore<AccountEvent> store = JournalEventStore.builder(dir, new AccountEventCodec())
 *          .fsync(FsyncPolicy.GROUP).open())
 * {
 *     store.append("account-1", ExpectedVersion.NO_STREAM, List.of(EventData.of(new Opened("ann"))));
 * }
 * }</pre>
 *
 * <b>Acknowledged</b> means synced under the store's {@link FsyncPolicy}: {@code append} returns only then, and
 * readers and subscribers see nothing before. <b>Segments</b> are named by their first global position
 * ({@code 00000000000000000000.journal}); one append never spans two. When a segment is full the store syncs it,
 * starts the next and syncs the directory (the policy {@link FsyncPolicy#NONE} skips both syncs).
 * <p>
 * <b>Recovery</b> on open reads every record, checks each length against the maximum record size and the bytes
 * left in the file before reading by it, checks each CRC-32C, position and stream version, and rebuilds the index
 * (stream versions, event ids, global positions) in memory, then (unless the policy is {@link FsyncPolicy#NONE})
 * syncs the segments and the directory, so that what a crashed writer left in the OS's cache is on disk before it
 * counts as acknowledged:
 * <ul>
 * <li>A torn tail (the last segment ends in a partly written append, or in bytes that are not a record and are
 * followed by no valid record) is cut back to the end of the last whole append. The cut bytes are first kept in
 * a file next to the segment ({@code <segment>.torn-<n>}), reported on standard error and by
 * {@link #tornFiles()}. No acknowledged append is ever in a torn tail.</li>
 * <li>Any other bad record (a bad CRC, length, position or version followed by valid records, or anywhere in a
 * segment that is not the last) makes open fail with a {@link JournalCorruptedException} naming the file and
 * the offset.</li>
 * <li>A damaged last record that was acknowledged cannot be told from a torn one: it is cut and kept aside,
 * not silently read.</li>
 * </ul>
 * <b>Failures:</b> a failed write or sync fails that append with {@link JournalFailedException} and every later
 * one: the store stops acknowledging (see {@link #failure()}). Reopen it to recover what reached the disk.
 * <p>
 * One process at a time: the directory is locked ({@code journal.lock}) while open. The index holds about 60
 * bytes per event plus one entry per stream.
 * <p>
 * <b>Note:</b> thread-safe; see {@link EventStore}.
 *
 * @param <E> type of the events.
 */
public final class JournalEventStore<E> extends AbstractEventStore<E>
{
    /** Default segment size: 64 MiB. */
    public static final int SEGMENT_SIZE_DEFAULT = 64 << 20;
    /** System property for the segment size in bytes. */
    public static final String SEGMENT_SIZE_PROP_NAME = "ringbus.journal.segmentSize";
    /** Default largest record, header and padding included: 1 MiB. */
    public static final int MAX_RECORD_SIZE_DEFAULT = 1 << 20;
    /** System property for the largest record in bytes. */
    public static final String MAX_RECORD_SIZE_PROP_NAME = "ringbus.journal.maxRecordSize";
    /** Default sync policy. */
    public static final FsyncPolicy FSYNC_DEFAULT = FsyncPolicy.GROUP;
    /** System property for the sync policy: {@code EVERY_APPEND}, {@code GROUP} or {@code NONE}. */
    public static final String FSYNC_PROP_NAME = "ringbus.journal.fsync";

    /** Suffix of segment files. */
    public static final String SEGMENT_SUFFIX = ".journal";
    /** Name of the lock file in the directory. */
    public static final String LOCK_FILE = "journal.lock";

    private static final int READ_WINDOW = 64 << 10;

    private final Path directory;
    private final Codec<E> codec;
    private final FsyncPolicy fsync;
    private final int segmentSize;
    private final int maxRecordSize;
    private final JournalIo io;

    /** Guarded by the append lock. */
    private final List<Segment> segments = new ArrayList<>();
    private final LongArray segmentStarts = new LongArray(16);
    private final LongArray offsets = new LongArray(1024);
    private final CRC32C writeCrc = new CRC32C();
    private ByteBuffer writeBuffer = ByteBuffer.allocate(64 << 10).order(ByteOrder.LITTLE_ENDIAN);

    /** Read by the group syncer without the append lock: {@link #written} first, then {@link #current}. */
    private volatile Segment current;
    private volatile long written = -1;
    private volatile Throwable failure;
    /** Serialises syncs that acknowledge; taken inside the append lock (a roll) or alone, never the other way. */
    private final ReentrantLock syncLock = new ReentrantLock();

    private final FileChannel lockChannel;
    private final FileLock fileLock;
    private final List<Path> tornFiles = new ArrayList<>();
    private long tornBytes;

    private JournalEventStore(final Builder<E> builder)
    {
        this.directory = builder.directory;
        this.codec = builder.codec;
        this.fsync = builder.fsync;
        this.segmentSize = builder.segmentSize;
        this.maxRecordSize = builder.maxRecordSize;
        this.io = builder.io;

        try
        {
            Files.createDirectories(directory);
            lockChannel = FileChannel.open(
                directory.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open journal directory " + directory, ex);
        }
        FileLock locked = null;
        try
        {
            locked = lockChannel.tryLock();
        }
        catch (final OverlappingFileLockException | IOException ex)
        {
            locked = null;
        }
        if (null == locked)
        {
            closeQuietly(lockChannel);
            throw new IllegalStateException("journal directory " + directory + " is in use by another store");
        }
        fileLock = locked;

        try
        {
            recoverAll();
        }
        catch (final RuntimeException | Error ex)
        {
            releaseFiles();
            throw ex;
        }
        catch (final IOException ex)
        {
            releaseFiles();
            throw new UncheckedIOException("cannot recover journal " + directory, ex);
        }
    }

    /**
     * A builder for a journal in {@code directory}, created if missing.
     *
     * @param directory where the segments live.
     * @param codec     writes and reads the events.
     * @param <E>       type of the events.
     * @return the builder, with defaults from the system properties.
     */
    public static <E> Builder<E> builder(final Path directory, final Codec<E> codec)
    {
        return new Builder<>(directory, codec);
    }

    /**
     * Open (recovering) or create a journal with the default settings.
     *
     * @param directory where the segments live.
     * @param codec     writes and reads the events.
     * @param <E>       type of the events.
     * @return the open store.
     * @throws JournalCorruptedException if a segment is corrupted other than in a torn tail.
     */
    public static <E> JournalEventStore<E> open(final Path directory, final Codec<E> codec)
    {
        return builder(directory, codec).open();
    }

    /**
     * @return the sync policy.
     */
    public FsyncPolicy fsync()
    {
        return fsync;
    }

    /**
     * @return the directory of the segments.
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * The files holding the torn tails this open cut off, empty if none.
     *
     * @return the paths of the kept-aside bytes.
     */
    public List<Path> tornFiles()
    {
        return List.copyOf(tornFiles);
    }

    /**
     * @return how many bytes recovery cut off as torn tails on this open.
     */
    public long tornBytes()
    {
        return tornBytes;
    }

    /**
     * The I/O failure that stopped the store acknowledging, or {@code null} while it works.
     *
     * @return the failure.
     */
    public Throwable failure()
    {
        return failure;
    }

    /**
     * @return the number of segment files.
     */
    public int segmentCount()
    {
        lock.lock();
        try
        {
            return segments.size();
        }
        finally
        {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------------------------------------- recovery

    private void recoverAll() throws IOException
    {
        final List<Path> files;
        try (Stream<Path> list = Files.list(directory))
        {
            files = list.filter(p -> p.getFileName().toString().endsWith(SEGMENT_SUFFIX)).sorted().toList();
        }
        final ByteBuffer window = ByteBuffer.allocate(Math.max(READ_WINDOW, maxRecordSize))
            .order(ByteOrder.LITTLE_ENDIAN);
        final Window reader = new Window(window);
        long nextPosition = 0;
        for (int i = 0; i < files.size(); i++)
        {
            final Path file = files.get(i);
            final long first = firstPositionOf(file);
            if (first != nextPosition)
            {
                throw new JournalCorruptedException(file, 0,
                    "segment is named for position " + first + " but position " + nextPosition + " is next");
            }
            final Segment segment = new Segment(file, first,
                FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE));
            segments.add(segment);
            segmentStarts.add(first);
            nextPosition = recoverSegment(segment, reader, i == files.size() - 1);
        }
        if (segments.isEmpty())
        {
            newSegment(0);
        }
        else if (FsyncPolicy.NONE != fsync)
        {
            // A writer that crashed (or ran with NONE) may have left records in the OS's cache only: sync them
            // before they count as acknowledged. Syncing a segment that is already clean costs next to nothing.
            for (final Segment segment : segments)
            {
                io.force(segment.channel);
            }
            syncDirectory();
        }
        current = segments.get(segments.size() - 1);
        written = nextPosition - 1;
        acknowledged(nextPosition - 1);
    }

    private static long firstPositionOf(final Path file)
    {
        final String name = file.getFileName().toString();
        try
        {
            return Long.parseLong(name.substring(0, name.length() - SEGMENT_SUFFIX.length()));
        }
        catch (final NumberFormatException ex)
        {
            throw new JournalCorruptedException(file, 0, "not a segment name: " + name);
        }
    }

    /**
     * Index a segment's records and return the position after its last; cut a torn tail of the last segment.
     */
    private long recoverSegment(final Segment segment, final Window reader, final boolean last) throws IOException
    {
        final long fileSize = segment.channel.size();
        final List<Pending> batch = new ArrayList<>();
        long batchEnd = 0;
        long offset = 0;
        long nextPosition = segment.firstPosition;
        String problem = null;
        while (offset < fileSize)
        {
            problem = inspect(reader, segment, offset, fileSize);
            if (problem != null)
            {
                break;
            }
            final ByteBuffer b = reader.buffer;
            final int at = reader.index(offset);
            final int length = b.getInt(at + RecordDescriptor.LENGTH_OFFSET);
            final int streamIdLength = b.getInt(at + RecordDescriptor.STREAM_ID_LENGTH_OFFSET);
            final String streamId = new String(
                b.array(), at + RecordDescriptor.STREAM_ID_OFFSET, streamIdLength, StandardCharsets.UTF_8);
            batch.add(new Pending(offset, streamId, b.getLong(at + RecordDescriptor.STREAM_VERSION_OFFSET),
                b.getLong(at + RecordDescriptor.POSITION_OFFSET),
                new UUID(b.getLong(at + RecordDescriptor.EVENT_ID_HIGH_OFFSET),
                    b.getLong(at + RecordDescriptor.EVENT_ID_LOW_OFFSET))));
            offset += RecordDescriptor.frameLength(length);
            if ((b.get(at + RecordDescriptor.FLAGS_OFFSET) & RecordDescriptor.END_OF_BATCH) != 0)
            {
                for (final Pending p : batch)
                {
                    final String wrong = recover(p.streamId, p.version, p.position, p.eventId);
                    if (wrong != null)
                    {
                        throw new JournalCorruptedException(segment.path, p.offset, wrong);
                    }
                    offsets.add(p.offset);
                    nextPosition = p.position + 1;
                }
                batch.clear();
                batchEnd = offset;
            }
        }

        if (null == problem && batch.isEmpty())
        {
            segment.size = fileSize;
            return nextPosition;
        }
        final long problemOffset = null == problem ? batchEnd : offset;
        final String reason = null == problem ? "the segment ends inside an append" : problem;
        if (!last)
        {
            throw new JournalCorruptedException(segment.path, problemOffset, reason + " (not the last segment)");
        }
        if (problem != null)
        {
            final long valid = nextValidRecord(reader, segment, offset, fileSize);
            if (valid >= 0)
            {
                throw new JournalCorruptedException(segment.path, problemOffset,
                    reason + "; a valid record follows at offset " + valid + ", so this is not a torn tail");
            }
        }
        cutTornTail(segment, batchEnd, fileSize, reason, problemOffset);
        return nextPosition;
    }

    /**
     * The offset of the first valid record after a bad one, or -1: what tells corruption from a torn tail.
     */
    private long nextValidRecord(final Window reader, final Segment segment, final long bad, final long fileSize)
        throws IOException
    {
        for (long offset = bad + RecordDescriptor.ALIGNMENT; offset < fileSize; offset += RecordDescriptor.ALIGNMENT)
        {
            if (null == inspect(reader, segment, offset, fileSize))
            {
                return offset;
            }
        }
        return -1;
    }

    private void cutTornTail(
        final Segment segment, final long cutAt, final long fileSize, final String reason, final long problemOffset)
        throws IOException
    {
        Path aside;
        int n = 0;
        do
        {
            aside = segment.path.resolveSibling(segment.path.getFileName() + ".torn-" + n++);
        }
        while (Files.exists(aside));

        try (FileChannel out = FileChannel.open(aside, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
        {
            final ByteBuffer copy = ByteBuffer.allocate(64 << 10);
            long at = cutAt;
            while (at < fileSize)
            {
                copy.clear().limit((int)Math.min(copy.capacity(), fileSize - at));
                final int read = segment.channel.read(copy, at);
                if (read < 0)
                {
                    break;
                }
                copy.flip();
                while (copy.hasRemaining())
                {
                    out.write(copy);
                }
                at += read;
            }
            out.force(true);
        }
        // The copy's directory entry must be durable before the bytes it saves leave the segment.
        syncDirectory();
        segment.channel.truncate(cutAt);
        segment.channel.force(true);
        segment.size = cutAt;
        tornFiles.add(aside);
        tornBytes += fileSize - cutAt;
        System.err.println("ringbus: journal " + segment.path + ": cut a torn tail of " + (fileSize - cutAt) +
            " bytes at offset " + cutAt + " (" + reason + " at offset " + problemOffset + "), kept in " + aside);
    }

    /**
     * Check the record at {@code offset} and load it whole into the window; {@code null} if it is valid, else
     * what is wrong. Nothing is read by a length before it is checked against the bounds.
     */
    private String inspect(final Window reader, final Segment segment, final long offset, final long fileSize)
        throws IOException
    {
        final long left = fileSize - offset;
        if (left < RecordDescriptor.PREFIX_LENGTH)
        {
            return "a record header is cut short (" + left + " bytes left)";
        }
        reader.load(segment, offset, RecordDescriptor.PREFIX_LENGTH, fileSize);
        final ByteBuffer b = reader.buffer;
        final int at = reader.index(offset);
        final int length = b.getInt(at + RecordDescriptor.LENGTH_OFFSET);
        final int maxLength = maxRecordSize - RecordDescriptor.PREFIX_LENGTH;
        if (length < RecordDescriptor.MIN_LENGTH || length > maxLength)
        {
            return "record length " + length + " is out of range [" + RecordDescriptor.MIN_LENGTH + ", " +
                maxLength + "]";
        }
        final int frame = RecordDescriptor.frameLength(length);
        if (frame > left)
        {
            return "record length " + length + " (" + frame + " bytes with header and padding) runs past the end " +
                "of the file (" + left + " bytes left)";
        }
        reader.load(segment, offset, frame, fileSize);
        final int base = reader.index(offset);
        final int stored = b.getInt(base + RecordDescriptor.CRC_OFFSET);
        final int computed = RecordDescriptor.crc(reader.crc, b, base, length);
        if (stored != computed)
        {
            return String.format(Locale.ROOT, "CRC-32C mismatch (stored %08x, computed %08x)", stored, computed);
        }
        if (b.getShort(base + RecordDescriptor.MAGIC_OFFSET) != RecordDescriptor.MAGIC)
        {
            return "bad magic number";
        }
        if (b.get(base + RecordDescriptor.VERSION_OFFSET) != RecordDescriptor.FORMAT_VERSION)
        {
            return "unknown record format version " + b.get(base + RecordDescriptor.VERSION_OFFSET);
        }
        final int streamIdLength = b.getInt(base + RecordDescriptor.STREAM_ID_LENGTH_OFFSET);
        final int payloadLength = b.getInt(base + RecordDescriptor.PAYLOAD_LENGTH_OFFSET);
        if (streamIdLength < 1 || streamIdLength > MAX_STREAM_ID_LENGTH || payloadLength < 0 ||
            RecordDescriptor.STREAM_ID_OFFSET - RecordDescriptor.PREFIX_LENGTH + streamIdLength + payloadLength !=
            length)
        {
            return "stream id length " + streamIdLength + " and payload length " + payloadLength +
                " do not add up to record length " + length;
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------------- write

    @Override
    void checkWritable()
    {
        final Throwable failed = failure;
        if (failed != null)
        {
            throw new JournalFailedException(
                "journal " + directory + " stopped acknowledging after an I/O failure; reopen it to recover", failed);
        }
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
        int bound = 0;
        for (final EventData<E> data : events)
        {
            final int payloadBound = codec.maxEncodedLength(data.event());
            final long frameBound = RecordDescriptor.align(RecordDescriptor.STREAM_ID_OFFSET + streamIdBytes.length) +
                (long)payloadBound + RecordDescriptor.ALIGNMENT;
            if (payloadBound < 0 || frameBound > maxRecordSize)
            {
                throw new IllegalArgumentException("events: " + data.event().getClass().getName() + " " +
                    data.eventId() + " encodes to up to " + payloadBound + " bytes, more than a record of at most " +
                    maxRecordSize + " bytes holds (maxRecordSize)");
            }
            bound += (int)frameBound;
            if (bound > segmentSize)
            {
                throw new IllegalArgumentException("events: the append needs up to " + bound +
                    " bytes, more than a segment of " + segmentSize + " bytes holds (one append never spans two)");
            }
        }
        if (writeBuffer.capacity() < bound)
        {
            writeBuffer = ByteBuffer.allocate(Math.max(bound, writeBuffer.capacity() * 2))
                .order(ByteOrder.LITTLE_ENDIAN);
        }

        final ByteBuffer b = writeBuffer;
        final int[] starts = new int[events.size()];
        int at = 0;
        for (int i = 0; i < events.size(); i++)
        {
            final EventData<E> data = events.get(i);
            starts[i] = at;
            final int payloadAt = at + RecordDescriptor.STREAM_ID_OFFSET + streamIdBytes.length;
            final int payloadLength = codec.encode(data.event(), b, payloadAt);
            final int payloadBound = codec.maxEncodedLength(data.event());
            if (payloadLength < 0 || payloadLength > payloadBound)
            {
                throw new IllegalStateException("codec " + codec.getClass().getName() + " wrote " + payloadLength +
                    " bytes for " + data.eventId() + " but promised at most " + payloadBound);
            }
            final int length = RecordDescriptor.STREAM_ID_OFFSET - RecordDescriptor.PREFIX_LENGTH +
                streamIdBytes.length + payloadLength;
            b.putInt(at + RecordDescriptor.LENGTH_OFFSET, length);
            b.putShort(at + RecordDescriptor.MAGIC_OFFSET, RecordDescriptor.MAGIC);
            b.put(at + RecordDescriptor.VERSION_OFFSET, RecordDescriptor.FORMAT_VERSION);
            b.put(at + RecordDescriptor.FLAGS_OFFSET, i == events.size() - 1 ? RecordDescriptor.END_OF_BATCH : 0);
            b.putInt(at + RecordDescriptor.STREAM_ID_LENGTH_OFFSET, streamIdBytes.length);
            b.putLong(at + RecordDescriptor.POSITION_OFFSET, firstPosition + i);
            b.putLong(at + RecordDescriptor.STREAM_VERSION_OFFSET, firstVersion + i);
            b.putLong(at + RecordDescriptor.EVENT_ID_HIGH_OFFSET, data.eventId().getMostSignificantBits());
            b.putLong(at + RecordDescriptor.EVENT_ID_LOW_OFFSET, data.eventId().getLeastSignificantBits());
            b.putLong(at + RecordDescriptor.TIMESTAMP_OFFSET, timestamp);
            b.putInt(at + RecordDescriptor.PAYLOAD_LENGTH_OFFSET, payloadLength);
            b.put(at + RecordDescriptor.STREAM_ID_OFFSET, streamIdBytes);
            final int end = RecordDescriptor.PREFIX_LENGTH + length;
            final int frame = RecordDescriptor.frameLength(length);
            for (int p = at + end; p < at + frame; p++)
            {
                b.put(p, (byte)0);
            }
            b.putInt(at + RecordDescriptor.CRC_OFFSET, RecordDescriptor.crc(writeCrc, b, at, length));
            at += frame;
        }
        final int total = at;
        final long lastPosition = firstPosition + events.size() - 1;

        final boolean interrupted = Thread.interrupted();
        try
        {
            Segment segment = current;
            if (segment.size > 0 && segment.size + total > segmentSize)
            {
                segment = roll(firstPosition);
            }
            io.write(segment.channel, b.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(0).limit(total),
                segment.size);
            if (FsyncPolicy.EVERY_APPEND == fsync)
            {
                io.force(segment.channel);
            }
            for (final int start : starts)
            {
                offsets.add(segment.size + start);
            }
            segment.size += total;
        }
        catch (final IOException | RuntimeException ex)
        {
            throw fail("append to stream '" + streamId + "' at position " + firstPosition, ex);
        }
        finally
        {
            keepInterrupt(interrupted);
        }
        written = lastPosition;
        if (FsyncPolicy.GROUP != fsync)
        {
            acknowledged(lastPosition);
        }
    }

    private Segment roll(final long firstPosition) throws IOException
    {
        if (FsyncPolicy.NONE != fsync)
        {
            // Under the sync lock, like a group sync: once an fsync has failed, the next one of the same file can
            // succeed with the data gone (Linux marks the failed pages clean), so after a failure nothing may be
            // acknowledged, and a failing group sync must be seen before this one acknowledges.
            syncLock.lock();
            try
            {
                checkWritable();
                io.force(current.channel);
                acknowledged(written);
            }
            finally
            {
                syncLock.unlock();
            }
        }
        return newSegment(firstPosition);
    }

    private Segment newSegment(final long firstPosition) throws IOException
    {
        final Path file = directory.resolve(String.format(Locale.ROOT, "%020d%s", firstPosition, SEGMENT_SUFFIX));
        final Segment segment = new Segment(file, firstPosition, FileChannel.open(
            file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE));
        segments.add(segment);
        segmentStarts.add(firstPosition);
        if (FsyncPolicy.NONE != fsync)
        {
            syncDirectory();
        }
        current = segment;
        return segment;
    }

    private void syncDirectory() throws IOException
    {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ))
        {
            io.force(dir);
        }
    }

    @Override
    void acknowledge(final long position)
    {
        if (FsyncPolicy.GROUP != fsync || lastPosition() >= position)
        {
            return;
        }
        // Group commit: whoever holds the sync lock syncs everything written so far; those who waited for the lock
        // usually find themselves covered when they get it.
        syncLock.lock();
        try
        {
            if (lastPosition() >= position)
            {
                return;
            }
            checkWritable();
            final long covered = written;
            final Segment segment = current;
            final boolean interrupted = Thread.interrupted();
            try
            {
                io.force(segment.channel);
            }
            catch (final IOException | RuntimeException ex)
            {
                throw fail("sync up to position " + covered, ex);
            }
            finally
            {
                keepInterrupt(interrupted);
            }
            acknowledged(covered);
        }
        finally
        {
            syncLock.unlock();
        }
    }

    /**
     * Restore an interrupt cleared for a write or sync: a {@link FileChannel} call made with the interrupt set
     * closes the channel for every thread, which would stop the store for one caller's interrupt. An interrupt
     * that arrives during the call still closes it; that append then fails like any failed write.
     */
    private static void keepInterrupt(final boolean interrupted)
    {
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    private JournalFailedException fail(final String what, final Throwable cause)
    {
        if (null == failure)
        {
            failure = cause;
            System.err.println("ringbus: journal " + directory + ": " + what + " failed, the store stops " +
                "acknowledging appends: " + cause);
        }
        wakeAll();
        return new JournalFailedException(
            "journal " + directory + ": " + what + " failed; the append is not acknowledged", cause);
    }

    // ----------------------------------------------------------------------------------------------------- read

    @Override
    void readRange(final long fromPosition, final int count, final List<RecordedEvent<E>> out)
    {
        final long[] positions = new long[count];
        for (int i = 0; i < count; i++)
        {
            positions[i] = fromPosition + i;
        }
        readPositions(positions, out);
    }

    /**
     * One window serves the whole call: reading a stream event by event with a fresh window each would cost a
     * 64 KiB read per event.
     */
    @Override
    void readPositions(final long[] positions, final List<RecordedEvent<E>> out)
    {
        final int count = positions.length;
        final Segment[] where = new Segment[count];
        final long[] at = new long[count];
        lock.lock();
        try
        {
            checkOpen();
            for (int i = 0; i < count; i++)
            {
                final long position = positions[i];
                where[i] = segments.get(segmentStarts.floorIndex(position));
                at[i] = offsets.get((int)position);
            }
        }
        finally
        {
            lock.unlock();
        }

        final Window reader = new Window(ByteBuffer.allocate(READ_WINDOW).order(ByteOrder.LITTLE_ENDIAN));
        for (int i = 0; i < count; i++)
        {
            out.add(decode(reader, where[i], at[i], positions[i]));
        }
    }

    private RecordedEvent<E> decode(final Window reader, final Segment segment, final long offset, final long position)
    {
        try
        {
            final long end = segment.size;
            final String problem = inspect(reader, segment, offset, end);
            if (problem != null)
            {
                throw new JournalCorruptedException(segment.path, offset, problem);
            }
            final ByteBuffer b = reader.buffer;
            final int at = reader.index(offset);
            final int streamIdLength = b.getInt(at + RecordDescriptor.STREAM_ID_LENGTH_OFFSET);
            final int payloadLength = b.getInt(at + RecordDescriptor.PAYLOAD_LENGTH_OFFSET);
            final long recordPosition = b.getLong(at + RecordDescriptor.POSITION_OFFSET);
            if (recordPosition != position)
            {
                throw new JournalCorruptedException(segment.path, offset,
                    "record has position " + recordPosition + " where " + position + " was indexed");
            }
            final E event = codec.decode(b, at + RecordDescriptor.STREAM_ID_OFFSET + streamIdLength, payloadLength);
            return new RecordedEvent<>(
                new String(b.array(), at + RecordDescriptor.STREAM_ID_OFFSET, streamIdLength, StandardCharsets.UTF_8),
                b.getLong(at + RecordDescriptor.STREAM_VERSION_OFFSET),
                position,
                new UUID(b.getLong(at + RecordDescriptor.EVENT_ID_HIGH_OFFSET),
                    b.getLong(at + RecordDescriptor.EVENT_ID_LOW_OFFSET)),
                b.getLong(at + RecordDescriptor.TIMESTAMP_OFFSET),
                event);
        }
        catch (final CodecException ex)
        {
            throw new EventStoreException(
                "journal " + segment.path + " at offset " + offset + ": the codec refused the payload", ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read journal " + segment.path + " at offset " + offset, ex);
        }
    }

    // ---------------------------------------------------------------------------------------------------- close

    @Override
    void release()
    {
        releaseFiles();
    }

    private void releaseFiles()
    {
        for (final Segment segment : segments)
        {
            closeQuietly(segment.channel);
            closeQuietly(segment.reader);
        }
        try
        {
            fileLock.release();
        }
        catch (final IOException | RuntimeException ex)
        {
            // The channel's close below releases it too.
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(final Closeable file)
    {
        try
        {
            file.close();
        }
        catch (final IOException ex)
        {
            System.err.println("ringbus: journal: closing a file failed: " + ex);
        }
    }

    /**
     * One segment file; {@code size} counts the bytes written (the file may be longer after a failed write).
     * Readers use {@code reader}, not the channel: an interrupted reader would close a channel for everyone, while
     * a {@link RandomAccessFile} ignores interrupts. Its file pointer is shared, hence reads lock it.
     */
    private static final class Segment
    {
        private final Path path;
        private final long firstPosition;
        private final FileChannel channel;
        private final RandomAccessFile reader;
        private volatile long size;

        private Segment(final Path path, final long firstPosition, final FileChannel channel) throws IOException
        {
            this.path = path;
            this.firstPosition = firstPosition;
            this.channel = channel;
            try
            {
                this.reader = new RandomAccessFile(path.toFile(), "r");
            }
            catch (final IOException ex)
            {
                closeQuietly(channel);
                throw ex;
            }
        }

        /**
         * Read up to {@code length} bytes at {@code offset} of the file; fewer only at its end.
         */
        int read(final long offset, final byte[] into, final int length) throws IOException
        {
            synchronized (reader)
            {
                int filled = 0;
                while (filled < length)
                {
                    reader.seek(offset + filled);
                    final int read = reader.read(into, filled, length - filled);
                    if (read < 0)
                    {
                        break;
                    }
                    filled += read;
                }
                return filled;
            }
        }
    }

    /**
     * A record waiting for the end of its append during recovery.
     */
    private record Pending(long offset, String streamId, long version, long position, UUID eventId)
    {
    }

    /**
     * A window of one segment's bytes in a heap buffer, refilled as a reader moves through the file.
     */
    private static final class Window
    {
        private ByteBuffer buffer;
        private final CRC32C crc = new CRC32C();
        private Segment segment;
        private long start;
        private int length;

        private Window(final ByteBuffer buffer)
        {
            this.buffer = buffer;
        }

        int index(final long offset)
        {
            return (int)(offset - start);
        }

        /**
         * Make {@code [offset, offset + need)} of the segment available; the caller checked it lies in the file
         * and that {@code need} is at most the largest record.
         */
        void load(final Segment from, final long offset, final int need, final long fileEnd) throws IOException
        {
            if (from == segment && offset >= start && offset + need <= start + length)
            {
                return;
            }
            if (need > buffer.capacity())
            {
                buffer = ByteBuffer.allocate(need).order(ByteOrder.LITTLE_ENDIAN);
            }
            final int wanted = (int)Math.min(buffer.capacity(), fileEnd - offset);
            final int filled = from.read(offset, buffer.array(), wanted);
            if (filled < need)
            {
                segment = null;
                throw new IOException("segment " + from.path + " is shorter than expected at offset " + offset);
            }
            segment = from;
            start = offset;
            length = filled;
        }
    }

    /**
     * Settings of a journal, validated by {@link #open()}.
     * <p>
     * <b>Note:</b> not thread-safe; use from one thread.
     *
     * @param <E> type of the events.
     */
    public static final class Builder<E>
    {
        private final Path directory;
        private final Codec<E> codec;
        private FsyncPolicy fsync = FsyncPolicy.valueOf(
            System.getProperty(FSYNC_PROP_NAME, FSYNC_DEFAULT.name()).toUpperCase(Locale.ROOT));
        private int segmentSize = Integer.getInteger(SEGMENT_SIZE_PROP_NAME, SEGMENT_SIZE_DEFAULT);
        private Integer maxRecordSize = Integer.getInteger(MAX_RECORD_SIZE_PROP_NAME);
        private JournalIo io = JournalIo.DEFAULT;

        private Builder(final Path directory, final Codec<E> codec)
        {
            this.directory = Objects.requireNonNull(directory, "directory");
            this.codec = Objects.requireNonNull(codec, "codec");
        }

        /**
         * @param fsync when to sync; default {@link FsyncPolicy#GROUP} ({@value #FSYNC_PROP_NAME}).
         * @return this.
         */
        public Builder<E> fsync(final FsyncPolicy fsync)
        {
            this.fsync = Objects.requireNonNull(fsync, "fsync");
            return this;
        }

        /**
         * @param segmentSize bytes per segment file before the next starts, at least 4096; default 64 MiB
         *                    ({@value #SEGMENT_SIZE_PROP_NAME}).
         * @return this.
         */
        public Builder<E> segmentSize(final int segmentSize)
        {
            this.segmentSize = segmentSize;
            return this;
        }

        /**
         * The largest record, header and padding included: bounds every length read from disk. Default 1 MiB or
         * the segment size if smaller ({@value #MAX_RECORD_SIZE_PROP_NAME}); at least 128 and at most the segment
         * size. Reopen a journal
         * with at least the size it was written with.
         *
         * @param maxRecordSize bytes.
         * @return this.
         */
        public Builder<E> maxRecordSize(final int maxRecordSize)
        {
            this.maxRecordSize = maxRecordSize;
            return this;
        }

        /**
         * Replace the file calls, to inject failures in tests.
         *
         * @param io how to write and sync.
         * @return this.
         */
        public Builder<E> io(final JournalIo io)
        {
            this.io = Objects.requireNonNull(io, "io");
            return this;
        }

        /**
         * Open (recovering) or create the journal.
         *
         * @return the store.
         * @throws IllegalArgumentException  if a setting is out of range, naming it.
         * @throws JournalCorruptedException if a segment is corrupted other than in a torn tail.
         * @throws IllegalStateException     if another store has the directory open.
         */
        public JournalEventStore<E> open()
        {
            if (segmentSize < 4096)
            {
                throw new IllegalArgumentException("segmentSize " + segmentSize + " must be at least 4096");
            }
            if (null == maxRecordSize)
            {
                maxRecordSize = Math.min(MAX_RECORD_SIZE_DEFAULT, segmentSize);
            }
            if (maxRecordSize < 128 || maxRecordSize > segmentSize)
            {
                throw new IllegalArgumentException(
                    "maxRecordSize " + maxRecordSize + " must be at least 128 and at most segmentSize " + segmentSize);
            }
            return new JournalEventStore<>(this);
        }
    }
}
