package io.ringbus.patterns.store;

import io.ringbus.api.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * RELIABILITY.md 17: a failed fsync or a full disk. The store stops acknowledging and says why; it never reports
 * success for data it could not sync, and a reopen recovers what reached the disk.
 */
class JournalFaultTest
{
    @TempDir
    Path dir;

    /** Fails syncs or writes once told to. */
    static final class FaultyIo implements JournalIo
    {
        final AtomicBoolean failSync = new AtomicBoolean();
        final AtomicBoolean failWrite = new AtomicBoolean();

        @Override
        public void write(final FileChannel channel, final ByteBuffer source, final long position) throws IOException
        {
            if (failWrite.get())
            {
                // A full disk: part of the bytes make it, then the write fails.
                source.limit(source.position() + source.remaining() / 2);
                JournalIo.super.write(channel, source, position);
                throw new IOException("No space left on device");
            }
            JournalIo.super.write(channel, source, position);
        }

        @Override
        public void force(final FileChannel channel) throws IOException
        {
            if (failSync.get())
            {
                throw new IOException("Input/output error (injected fsync failure)");
            }
            JournalIo.super.force(channel);
        }
    }

    private static List<EventData<Note>> note(final String text)
    {
        return List.of(EventData.of(new Note(text, text.length())));
    }

    @ParameterizedTest
    @EnumSource(value = FsyncPolicy.class, names = {"EVERY_APPEND", "GROUP"})
    void aFailedSyncIsNeverAcknowledged(final FsyncPolicy policy)
    {
        final FaultyIo io = new FaultyIo();
        try (JournalEventStore<Note> store = JournalEventStore.builder(dir, Note.CODEC).fsync(policy).io(io).open())
        {
            store.append("a", ExpectedVersion.ANY, note("synced"));
            io.failSync.set(true);
            final JournalFailedException failed = assertThrows(JournalFailedException.class,
                () -> store.append("a", ExpectedVersion.ANY, note("lost")));
            assertTrue(failed.getMessage().contains("not acknowledged"), failed.getMessage());
            assertTrue(failed.getCause().getMessage().contains("injected fsync failure"));

            // Readers never see the unsynced event, and the store accepts nothing more, even once syncs work.
            assertEquals(0, store.lastPosition());
            assertEquals(1, store.readAll(0).size());
            assertEquals(0, store.version("a"));
            io.failSync.set(false);
            final JournalFailedException stopped = assertThrows(JournalFailedException.class,
                () -> store.append("a", ExpectedVersion.ANY, note("after")));
            assertTrue(stopped.getMessage().contains("stopped acknowledging"), stopped.getMessage());
            assertSame(failed.getCause(), store.failure());
        }
        try (JournalEventStore<Note> store = JournalEventStore.open(dir, Note.CODEC))
        {
            // What reached the file comes back on reopen (here the OS still held it); the acknowledged one surely.
            assertEquals("synced", store.readAll(0).get(0).event().text());
            store.append("a", ExpectedVersion.ANY, note("after reopen"));
        }
    }

    @Test
    void groupCommitFailsEveryWaiterItDidNotSync() throws Exception
    {
        final FaultyIo io = new FaultyIo();
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        try (JournalEventStore<Note> store = JournalEventStore.builder(dir, Note.CODEC).fsync(FsyncPolicy.GROUP)
            .io(io).open())
        {
            io.failSync.set(true);
            final List<Future<AppendResult>> appends = new ArrayList<>();
            for (int i = 0; i < 8; i++)
            {
                final int n = i;
                appends.add(pool.submit(() -> store.append("s-" + n, ExpectedVersion.ANY, note("e" + n))));
            }
            for (final Future<AppendResult> append : appends)
            {
                try
                {
                    final AppendResult result = append.get(30, TimeUnit.SECONDS);
                    fail("acknowledged without a sync: " + result);
                }
                catch (final java.util.concurrent.ExecutionException ex)
                {
                    assertTrue(ex.getCause() instanceof JournalFailedException, ex.getCause().toString());
                }
            }
            assertEquals(-1, store.lastPosition());
            assertEquals(List.of(), store.readAll(0));
        }
        finally
        {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    /**
     * Linux marks pages clean after a failed {@code fsync}, so the next {@code fsync} of the file "succeeds" with
     * the data gone. A segment roll racing with a failing group sync must therefore not acknowledge what that sync
     * covered.
     */
    @Test
    void aRollRacingAFailedGroupSyncAcknowledgesNothing() throws Exception
    {
        final CountDownLatch syncing = new CountDownLatch(1);
        final CountDownLatch failNow = new CountDownLatch(1);
        final AtomicBoolean armed = new AtomicBoolean();
        final AtomicInteger forces = new AtomicInteger();
        final JournalIo io = new JournalIo()
        {
            @Override
            public void force(final FileChannel channel) throws IOException
            {
                if (armed.get() && 1 == forces.incrementAndGet())
                {
                    syncing.countDown();
                    try
                    {
                        failNow.await(30, TimeUnit.SECONDS);
                    }
                    catch (final InterruptedException ex)
                    {
                        Thread.currentThread().interrupt();
                    }
                    throw new IOException("Input/output error (injected fsync failure)");
                }
                // Later syncs "succeed", as Linux's do once the failed pages are marked clean.
                JournalIo.super.force(channel);
            }
        };
        final ExecutorService pool = Executors.newFixedThreadPool(2);
        try (JournalEventStore<Note> store = JournalEventStore.builder(dir, Note.CODEC).fsync(FsyncPolicy.GROUP)
            .segmentSize(4096).io(io).open())
        {
            for (int i = 0; i < 3; i++)
            {
                store.append("full", ExpectedVersion.ANY, note("f".repeat(1000)));
            }
            armed.set(true);
            final Future<AppendResult> first = pool.submit(() -> store.append("a", ExpectedVersion.ANY, note("x")));
            assertTrue(syncing.await(30, TimeUnit.SECONDS), "the first append never synced");
            final AtomicReference<Thread> second = new AtomicReference<>();
            final Future<AppendResult> rolling = pool.submit(() ->
            {
                second.set(Thread.currentThread());
                return store.append("b", ExpectedVersion.ANY, note("y".repeat(1000)));
            });
            Await.until("the rolling append waits for the sync", () ->
                null != second.get() && Thread.State.WAITING == second.get().getState() || rolling.isDone());
            assertEquals(2, store.lastPosition(), "acknowledged while its sync was still failing");
            failNow.countDown();

            assertFailed(first);
            assertFailed(rolling);
            assertEquals(2, store.lastPosition());
            assertEquals(3, store.readAll(0).size());
            assertEquals(1, store.segmentCount(), "rolled after a failed sync");
        }
        finally
        {
            failNow.countDown();
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    /**
     * A {@code FileChannel} closes itself when a thread blocked in it is interrupted; one interrupted reader or
     * appender must not close the segment under every other caller.
     */
    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    void anInterruptedCallerLeavesTheStoreWorking(final FsyncPolicy policy)
    {
        try (JournalEventStore<Note> store = JournalEventStore.builder(dir, Note.CODEC).fsync(policy).open())
        {
            store.append("a", ExpectedVersion.ANY, note("before"));
            try
            {
                Thread.currentThread().interrupt();
                assertEquals("before", store.read("a", 0).get(0).event().text());
                assertEquals(1, store.readAll(0).size());
                store.append("a", ExpectedVersion.ANY, note("interrupted"));
                assertTrue(Thread.currentThread().isInterrupted(), "the caller's interrupt is kept");
            }
            finally
            {
                Thread.interrupted();
            }
            store.append("a", ExpectedVersion.ANY, note("after"));
            assertEquals(List.of("before", "interrupted", "after"),
                store.read("a", 0).stream().map(e -> e.event().text()).toList());
            assertEquals(null, store.failure());
        }
    }

    private static void assertFailed(final Future<AppendResult> append) throws Exception
    {
        try
        {
            fail("acknowledged without a sync: " + append.get(30, TimeUnit.SECONDS));
        }
        catch (final java.util.concurrent.ExecutionException ex)
        {
            assertTrue(ex.getCause() instanceof JournalFailedException, ex.getCause().toString());
        }
    }

    @Test
    void aFullDiskStopsTheStoreAndReopenCutsThePartialWrite()
    {
        final FaultyIo io = new FaultyIo();
        try (JournalEventStore<Note> store = JournalEventStore.builder(dir, Note.CODEC)
            .fsync(FsyncPolicy.EVERY_APPEND).io(io).open())
        {
            store.append("a", ExpectedVersion.ANY, note("kept"));
            io.failWrite.set(true);
            final JournalFailedException failed = assertThrows(JournalFailedException.class,
                () -> store.append("a", ExpectedVersion.ANY, note("half written")));
            assertTrue(failed.getCause().getMessage().contains("No space left"));
            io.failWrite.set(false);
            assertThrows(JournalFailedException.class, () -> store.append("a", ExpectedVersion.ANY, note("no")));
            assertEquals(1, store.readAll(0).size());
        }
        try (JournalEventStore<Note> store = JournalEventStore.open(dir, Note.CODEC))
        {
            assertEquals(1, store.readAll(0).size());
            assertEquals(1, store.tornFiles().size());
            store.append("a", 0, note("next"));
            assertEquals(2, store.readAll(0).size());
        }
    }
}
