package io.ringbus.ipc;

import io.aeron.CommonContext;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.IdleStrategy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A bus's hold on a media driver: either one this JVM hosts (embedded, shared by every bus of the JVM that names
 * the same directory, closed with the last of them) or one another process runs (another Ringbus process that
 * embedded it first, or an external driver).
 * <p>
 * Deciding whether to launch is done under an exclusive file lock in the base directory, so two processes
 * starting together cannot both launch a driver in one directory; a directory left by a dead process is found
 * inactive and cleaned on launch.
 * <p>
 * <b>Note:</b> {@link #acquire} and {@link #close} are thread-safe.
 */
final class DriverLease implements AutoCloseable
{
    private static final Map<Path, Hosted> HOSTED = new HashMap<>();
    private static final long LOCK_TIMEOUT_MS = 10_000;

    private final Path base;
    private final String aeronDirectoryName;
    private final boolean hosted;
    private boolean closed;

    private DriverLease(final Path base, final String aeronDirectoryName, final boolean hosted)
    {
        this.base = base;
        this.aeronDirectoryName = aeronDirectoryName;
        this.hosted = hosted;
    }

    private static final class Hosted
    {
        final MediaDriver driver;
        int leases;

        Hosted(final MediaDriver driver)
        {
            this.driver = driver;
        }
    }

    /**
     * The Aeron directory clients connect to.
     */
    String aeronDirectoryName()
    {
        return aeronDirectoryName;
    }

    /**
     * Whether this JVM hosts the driver.
     */
    boolean hosted()
    {
        return hosted;
    }

    /**
     * A driver someone else runs in {@code aeronDir}.
     *
     * @throws IllegalStateException if none is active there.
     */
    static DriverLease external(final Path aeronDir, final long timeoutMs)
    {
        final File dir = aeronDir.toFile();
        if (!CommonContext.isDriverActive(dir, timeoutMs, ignore -> { }))
        {
            throw new IllegalStateException("no media driver is running in " + aeronDir + ": start one with " +
                "'java " + "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED -cp <aeron-driver and agrona jars> " +
                "-Daeron.dir=" + aeronDir + " io.aeron.driver.MediaDriver', or use the embedded driver");
        }
        return new DriverLease(null, dir.getAbsolutePath(), false);
    }

    /**
     * Join the driver in {@code base/aeron}, launching it embedded in this JVM when no live driver is there.
     */
    static DriverLease embedded(final Path base, final DriverSettings settings, final ErrorHandler errors)
    {
        synchronized (HOSTED)
        {
            final Path key = base.toAbsolutePath().normalize();
            final Hosted existing = HOSTED.get(key);
            final String aeronDir = key.resolve("aeron").toString();
            if (existing != null)
            {
                existing.leases++;
                return new DriverLease(key, aeronDir, true);
            }
            DriverDirectory.secure(key);
            try (FileChannel lockFile = FileChannel.open(
                key.resolve("driver.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE))
            {
                final FileLock lock = lock(lockFile, key);
                try
                {
                    if (CommonContext.isDriverActive(new File(aeronDir), settings.driverTimeoutMs(), msg -> { }))
                    {
                        return new DriverLease(key, aeronDir, false);
                    }
                    final MediaDriver driver = MediaDriver.launch(driverContext(aeronDir, settings, errors));
                    DriverDirectory.restrict(key);
                    final Hosted hosted = new Hosted(driver);
                    hosted.leases = 1;
                    HOSTED.put(key, hosted);
                    return new DriverLease(key, aeronDir, true);
                }
                finally
                {
                    lock.release();
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot lock " + key.resolve("driver.lock"), ex);
            }
        }
    }

    static MediaDriver.Context driverContext(
        final String aeronDir, final DriverSettings settings, final ErrorHandler errors)
    {
        final long peerTimeoutNs = TimeUnit.MILLISECONDS.toNanos(settings.peerTimeoutMs());
        final MediaDriver.Context ctx = new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .threadingMode(ThreadingMode.SHARED)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .warnIfDirectoryExists(false)
            .ipcTermBufferLength(settings.termLength())
            .publicationTermBufferLength(settings.termLength())
            // the driver checks liveness once per timer interval, which must be shorter than the timeout
            .timerIntervalNs(Math.min(TimeUnit.SECONDS.toNanos(1), peerTimeoutNs / 4))
            .clientLivenessTimeoutNs(peerTimeoutNs)
            .imageLivenessTimeoutNs(peerTimeoutNs)
            // must exceed the client liveness timeout; a publisher killed mid-write unblocks the log after it
            .publicationUnblockTimeoutNs(peerTimeoutNs * 2 + TimeUnit.SECONDS.toNanos(1))
            .publicationLingerTimeoutNs(TimeUnit.MILLISECONDS.toNanos(200))
            .errorHandler(errors);
        final IdleStrategy idle = settings.driverIdle();
        if (idle != null)
        {
            ctx.sharedIdleStrategy(idle);
        }
        return ctx;
    }

    private static FileLock lock(final FileChannel channel, final Path base) throws IOException
    {
        final long deadline = System.currentTimeMillis() + LOCK_TIMEOUT_MS;
        while (true)
        {
            final FileLock lock = channel.tryLock();
            if (lock != null)
            {
                return lock;
            }
            if (System.currentTimeMillis() > deadline)
            {
                throw new IllegalStateException("another process held " + base.resolve("driver.lock") +
                    " for " + LOCK_TIMEOUT_MS + " ms while deciding whether to launch a media driver");
            }
            try
            {
                Thread.sleep(10);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + base.resolve("driver.lock"), ex);
            }
        }
    }

    @Override
    public void close()
    {
        synchronized (HOSTED)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            if (!hosted)
            {
                return;
            }
            final Hosted h = HOSTED.get(base);
            if (h != null && --h.leases == 0)
            {
                HOSTED.remove(base);
                h.driver.close();
            }
        }
    }
}
