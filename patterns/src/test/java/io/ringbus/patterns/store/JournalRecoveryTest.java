package io.ringbus.patterns.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reopening a journal: everything written comes back, torn tails are cut and kept aside, corruption in the middle
 * is refused naming the file and offset (RELIABILITY.md 15).
 */
class JournalRecoveryTest
{
    @TempDir
    Path dir;

    private JournalEventStore<Note> open()
    {
        return JournalEventStore.builder(dir, Note.CODEC).fsync(FsyncPolicy.EVERY_APPEND).segmentSize(4096).open();
    }

    /** Appends 100 events in 50 appends of two to ten streams. */
    private void fill()
    {
        try (JournalEventStore<Note> store = open())
        {
            for (int i = 0; i < 50; i++)
            {
                store.append("s-" + i % 10, ExpectedVersion.ANY, List.of(
                    EventData.of(new Note("event " + 2 * i, 2 * i)), EventData.of(new Note("event " + (2 * i + 1),
                    2 * i + 1))));
            }
            assertTrue(store.segmentCount() > 1, "small segments roll");
        }
    }

    private Path firstSegment() throws IOException
    {
        return segments().get(0);
    }

    private List<Path> segments() throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.filter(f -> f.toString().endsWith(JournalEventStore.SEGMENT_SUFFIX)).sorted().toList();
        }
    }

    private static void assertAll100(final JournalEventStore<Note> store)
    {
        final List<RecordedEvent<Note>> all = store.readAll(0);
        assertEquals(100, all.size());
        for (int i = 0; i < 100; i++)
        {
            assertEquals(new Note("event " + i, i), all.get(i).event());
            assertEquals(i, all.get(i).position());
        }
    }

    @Test
    void reopenRebuildsTheIndex()
    {
        fill();
        try (JournalEventStore<Note> store = open())
        {
            assertAll100(store);
            assertEquals(9, store.version("s-3"));
            assertEquals(10, store.read("s-3", 0).size());
            assertTrue(store.tornFiles().isEmpty());
            // Idempotency survives the restart: the ids are indexed again.
            final RecordedEvent<Note> first = store.read("s-0", 0).get(0);
            final RecordedEvent<Note> second = store.read("s-0", 0).get(1);
            assertEquals(new AppendResult(1, 1), store.append("s-0", ExpectedVersion.ANY, List.of(
                new EventData<>(first.eventId(), first.event()), new EventData<>(second.eventId(), second.event()))));
            assertThrows(ConcurrencyException.class, () -> store.append("s-0", 3, List.of(EventData.of(
                new Note("late", 0)))));
            store.append("s-0", 9, List.of(EventData.of(new Note("event 100", 100))));
        }
        try (JournalEventStore<Note> store = open())
        {
            assertEquals(101, store.readAll(0).size());
        }
    }

    /**
     * What a crashed writer left in the OS's cache is not yet on disk: recovery syncs it before readers see it,
     * as acknowledged must mean synced whoever wrote the bytes.
     */
    @ParameterizedTest
    @EnumSource(value = FsyncPolicy.class, names = {"EVERY_APPEND", "GROUP"})
    void reopenSyncsWhatItRecoversBeforeAcknowledgingIt(final FsyncPolicy policy)
    {
        try (JournalEventStore<Note> store = JournalEventStore.builder(dir, Note.CODEC).fsync(FsyncPolicy.NONE).open())
        {
            store.append("a", ExpectedVersion.ANY, List.of(EventData.of(new Note("unsynced", 1))));
        }
        final JournalIo failing = new JournalIo()
        {
            @Override
            public void force(final FileChannel channel) throws IOException
            {
                throw new IOException("Input/output error (injected fsync failure)");
            }
        };
        final UncheckedIOException refused = assertThrows(UncheckedIOException.class,
            () -> JournalEventStore.builder(dir, Note.CODEC).fsync(policy).io(failing).open());
        assertTrue(refused.getCause().getMessage().contains("injected"), refused.toString());
        try (JournalEventStore<Note> store = JournalEventStore.builder(dir, Note.CODEC).fsync(policy).open())
        {
            assertEquals("unsynced", store.readAll(0).get(0).event().text());
        }
    }

    @Test
    void aTornTailIsCutKeptAsideAndAppendsContinue() throws IOException
    {
        fill();
        final Path last = segments().get(segments().size() - 1);
        final byte[] before = Files.readAllBytes(last);
        // Half an append: a record header claiming more bytes than are there, as a write cut short leaves it.
        final byte[] torn = new byte[40];
        ByteBuffer.wrap(torn).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 90).putInt(4, 0x1234);
        Files.write(last, torn, StandardOpenOption.APPEND);

        try (JournalEventStore<Note> store = open())
        {
            assertAll100(store);
            assertEquals(40, store.tornBytes());
            assertEquals(1, store.tornFiles().size());
            assertArrayEquals(torn, Files.readAllBytes(store.tornFiles().get(0)));
            assertArrayEquals(before, Files.readAllBytes(last));
            store.append("s-0", ExpectedVersion.ANY, List.of(EventData.of(new Note("event 100", 100))));
        }
        try (JournalEventStore<Note> store = open())
        {
            assertEquals(101, store.readAll(0).size());
            assertTrue(store.tornFiles().isEmpty());
        }
    }

    @Test
    void anAppendCutShortIsDroppedWhole() throws IOException
    {
        fill();
        final Path last = segments().get(segments().size() - 1);
        final long size = Files.size(last);
        // The last append wrote two records; keep the first whole and lose the second: the append must go whole.
        final long secondLast = size - recordFrame(last, size);
        try (FileChannel channel = FileChannel.open(last, StandardOpenOption.WRITE))
        {
            channel.truncate(secondLast);
        }
        try (JournalEventStore<Note> store = open())
        {
            assertEquals(98, store.readAll(0).size());
            assertEquals(1, store.tornFiles().size());
        }
    }

    /** The frame length of the last record of a file, found by walking it. */
    private static long recordFrame(final Path file, final long size) throws IOException
    {
        final ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long offset = 0;
        long frame = 0;
        while (offset < size)
        {
            frame = RecordDescriptor.frameLength(bytes.getInt((int)offset));
            offset += frame;
        }
        return frame;
    }

    @Test
    void aZeroFilledTailIsTorn() throws IOException
    {
        fill();
        final Path last = segments().get(segments().size() - 1);
        Files.write(last, new byte[4096], StandardOpenOption.APPEND);
        try (JournalEventStore<Note> store = open())
        {
            assertAll100(store);
            assertEquals(4096, store.tornBytes());
        }
    }

    @Test
    void aBitFlipInTheMiddleIsRefusedNamingFileAndOffset() throws IOException
    {
        fill();
        final Path file = firstSegment();
        final byte[] bytes = Files.readAllBytes(file);
        final int second = RecordDescriptor.frameLength(
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(0));
        bytes[second + 70] ^= 0x10;
        Files.write(file, bytes);

        final JournalCorruptedException refused = assertThrows(JournalCorruptedException.class, this::open);
        assertEquals(file, refused.file());
        assertEquals(second, refused.offset());
        assertTrue(refused.getMessage().contains(file.toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains("offset " + second), refused.getMessage());
        assertTrue(refused.getMessage().contains("CRC-32C mismatch"), refused.getMessage());
    }

    @Test
    void aBitFlipInTheLastSegmentFollowedByRecordsIsRefused() throws IOException
    {
        fill();
        final Path file = segments().get(segments().size() - 1);
        final byte[] bytes = Files.readAllBytes(file);
        bytes[20] ^= 0x01;
        Files.write(file, bytes);
        final JournalCorruptedException refused = assertThrows(JournalCorruptedException.class, this::open);
        assertEquals(0, refused.offset());
        assertTrue(refused.getMessage().contains("a valid record follows"), refused.getMessage());
    }

    @Test
    void aZeroedBlockInTheMiddleIsRefused() throws IOException
    {
        fill();
        final Path file = firstSegment();
        final byte[] bytes = Files.readAllBytes(file);
        Arrays.fill(bytes, 1024, 2048, (byte)0);
        Files.write(file, bytes);
        final JournalCorruptedException refused = assertThrows(JournalCorruptedException.class, this::open);
        assertEquals(file, refused.file());
        assertTrue(refused.offset() <= 1024 && refused.offset() > 1024 - 256, "offset " + refused.offset());
    }

    @Test
    void aHugeLengthIsRefusedWithoutAHugeAllocation() throws IOException
    {
        fill();
        final Path file = firstSegment();
        final byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(0, Integer.MAX_VALUE);
        Files.write(file, bytes);

        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long before = threads.getCurrentThreadAllocatedBytes();
        final JournalCorruptedException refused = assertThrows(JournalCorruptedException.class, this::open);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(refused.getMessage().contains("record length 2147483647 is out of range"), refused.getMessage());
        assertEquals(0, refused.offset());
        assertTrue(allocated < 16 << 20, "opening allocated " + allocated + " bytes");
    }

    @Test
    void aHugeLengthAtTheTailIsCutWithoutAHugeAllocation() throws IOException
    {
        fill();
        final Path last = segments().get(segments().size() - 1);
        final byte[] tail = new byte[16];
        ByteBuffer.wrap(tail).order(ByteOrder.LITTLE_ENDIAN).putInt(0, Integer.MAX_VALUE);
        Files.write(last, tail, StandardOpenOption.APPEND);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long before = threads.getCurrentThreadAllocatedBytes();
        try (JournalEventStore<Note> store = open())
        {
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < 16 << 20, "opening allocated " + allocated + " bytes");
            assertAll100(store);
            assertEquals(16, store.tornBytes());
        }
    }

    @Test
    void aMissingSegmentIsRefused() throws IOException
    {
        fill();
        Files.delete(segments().get(0));
        final JournalCorruptedException refused = assertThrows(JournalCorruptedException.class, this::open);
        assertTrue(refused.getMessage().contains("is next"), refused.getMessage());
    }

    @Test
    void oneStoreAtATimePerDirectory()
    {
        try (JournalEventStore<Note> store = open())
        {
            final IllegalStateException refused = assertThrows(IllegalStateException.class, this::open);
            assertTrue(refused.getMessage().contains("in use"), refused.getMessage());
        }
        open().close();
    }

    @Test
    void oversizeEventsAndBadSettingsAreRefused()
    {
        try (JournalEventStore<Note> store = open())
        {
            final IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class, () -> store.append(
                "a", ExpectedVersion.ANY, List.of(EventData.of(new Note("x".repeat(5000), 1)))));
            assertTrue(tooBig.getMessage().contains("maxRecordSize"), tooBig.getMessage());
            store.append("a", ExpectedVersion.ANY, List.of(EventData.of(new Note("fine", 1))));
            assertEquals(1, store.readAll(0).size());
        }
        assertThrows(IllegalArgumentException.class,
            () -> JournalEventStore.builder(dir, Note.CODEC).segmentSize(100).open());
        assertThrows(IllegalArgumentException.class,
            () -> JournalEventStore.builder(dir, Note.CODEC).maxRecordSize(64).open());
    }
}
