package io.ringbus.ipc;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.ringbus.api.Await;
import io.ringbus.api.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The media driver's directory, a driver that goes away, and resources over many open/close cycles.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DriverTest
{
    private final Path base = TestDirs.newBase();

    @AfterEach
    void clean() throws IOException
    {
        if (Files.isSymbolicLink(base))
        {
            Files.delete(base);
        }
        TestDirs.delete(base);
    }

    @Test
    void embeddedDriverDirectoryIsOwnerOnlyAndRemovedOnClose() throws IOException
    {
        final Path aeronDir;
        try (AeronBus bus = AeronBus.builder().embeddedDriver(base).build())
        {
            assertTrue(bus.ipcStats().hostsDriver());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(base)));
            aeronDir = Path.of(bus.aeronDirectoryName());
            assertTrue(aeronDir.startsWith(base));
            assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(aeronDir.resolve("cnc.dat"))));
        }
        assertFalse(Files.exists(aeronDir), "the driver's directory is deleted on close");
        try (var left = Files.list(base))
        {
            // The lock file stays on purpose (README: deleting a lock another process may wait on is unsafe).
            assertEquals(List.of(base.resolve("driver.lock")), left.toList(), "only the empty lock file is left");
        }
        assertEquals(0, Files.size(base.resolve("driver.lock")));
    }

    @Test
    void widerPermissionsOfAnExistingDirectoryAreNarrowed() throws IOException
    {
        Files.createDirectory(base, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (AeronBus ignored = AeronBus.builder().embeddedDriver(base).build())
        {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(base)));
        }
    }

    @Test
    void directoryReachedThroughASymbolicLinkIsRefused() throws IOException
    {
        final Path real = TestDirs.newBase();
        Files.createDirectory(real);
        try
        {
            Files.createSymbolicLink(base, real);
            final IllegalStateException ex = assertThrows(IllegalStateException.class,
                () -> AeronBus.builder().embeddedDriver(base).build());
            assertTrue(ex.getMessage().contains("symbolic link"), ex.getMessage());
        }
        finally
        {
            Files.deleteIfExists(base);
            TestDirs.delete(real);
        }
    }

    @Test
    void directoryOwnedBySomeoneElseIsRefused() throws IOException
    {
        Files.createDirectory(base);
        final UserPrincipal nobody;
        try
        {
            nobody = base.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(base, nobody);
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            Assumptions.abort("cannot give a directory to 'nobody' here (needs root): " + ex);
            return;
        }
        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> AeronBus.builder().embeddedDriver(base).build());
        assertTrue(ex.getMessage().contains("owned by 'nobody'"), ex.getMessage());
    }

    @Test
    void staleDirectoryOfADeadDriverIsCleanedAndReplaced() throws Exception
    {
        DriverDirectory.secure(base);
        final Path aeronDir = base.resolve("aeron");
        MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(aeronDir.toString())
            .threadingMode(ThreadingMode.SHARED)
            .dirDeleteOnShutdown(false)).close(); // leaves its CnC file behind, as a killed driver would
        assertTrue(Files.exists(aeronDir.resolve("cnc.dat")));
        Thread.sleep(700); // older than the driver timeout below
        try (AeronBus bus = AeronBus.builder().shareAll().embeddedDriver(base).driverTimeout(Duration.ofMillis(500))
            .build())
        {
            assertTrue(bus.ipcStats().hostsDriver(), "the stale directory was taken for a live driver");
            final List<Long> seen = new CopyOnWriteArrayList<>();
            bus.topic("fresh", Long.class).subscribe(seen::add);
            bus.topic("fresh", Long.class).publish(1L);
            Await.until("the new driver works", () -> seen.size() == 1);
        }
    }

    @Test
    void externalDriverThatIsNotRunningIsAClearError()
    {
        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> AeronBus.builder().externalDriver(base.resolve("aeron")).driverTimeout(Duration.ofMillis(200)).build());
        assertTrue(ex.getMessage().contains("no media driver is running"), ex.getMessage());
    }

    @Test
    void stoppedDriverIsReportedAndNeverExitsTheJvm() throws Exception
    {
        Files.createDirectory(base);
        final String dir = base.resolve("aeron").toString();
        final MediaDriver driver = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(dir)
            .threadingMode(ThreadingMode.SHARED)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .ipcTermBufferLength(AeronBus.TERM_LENGTH_DEFAULT));
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        final AeronBus bus;
        try
        {
            bus = AeronBus.builder()
                .shareAll()
                .externalDriver(Path.of(dir))
                .driverTimeout(Duration.ofMillis(500))
                .errorHandler((cause, destination, event, handler) -> errors.add(cause))
                .build();
        }
        catch (final RuntimeException ex)
        {
            driver.close();
            throw ex;
        }
        try
        {
            assertFalse(bus.ipcStats().hostsDriver());
            final Topic<Long> topic = bus.topic("alive", Long.class);
            final List<Long> seen = new CopyOnWriteArrayList<>();
            topic.subscribe(seen::add);
            topic.publish(1L);
            assertTrue(bus.isConnected());

            driver.close();
            Await.until("the driver's loss reported", Duration.ofSeconds(30),
                () -> !bus.isConnected() && !errors.isEmpty());
            assertTrue(bus.ipcStats().transportErrors() > 0);
            assertNotEquals(OfferResult.ACCEPTED, bus.offer(topic, 2L));
            assertThrows(IllegalStateException.class, () -> topic.publish(3L));
            // local delivery went on while the transport refused
            Await.until("local subscribers still served", () -> seen.size() >= 2);
        }
        finally
        {
            bus.close();
        }
    }

    @Test
    void repeatedOpenAndCloseLeakNoThreadsDescriptorsOrSharedMemory() throws Exception
    {
        cycle(); // the first cycle loads classes and starts JDK-wide helpers once
        final int threads = liveThreads();
        final long descriptors = openDescriptors();
        final long shmFiles = filesUnder(base.getParent(), base.getFileName().toString());
        for (int i = 0; i < 15; i++)
        {
            cycle();
        }
        Await.until(() -> "threads back to " + threads + ", now " + liveThreads(), Duration.ofSeconds(30),
            () -> liveThreads() <= threads);
        Await.until(() -> "descriptors back to " + descriptors + ", now " + openDescriptors(), Duration.ofSeconds(30),
            () -> openDescriptors() <= descriptors);
        assertEquals(shmFiles, filesUnder(base.getParent(), base.getFileName().toString()),
            "files left under " + base);
    }

    private void cycle() throws Exception
    {
        try (AeronBus bus = AeronBus.builder().shareAll().embeddedDriver(base).build())
        {
            final Topic<Long> topic = bus.topic("cycle", Long.class);
            final List<Long> seen = new CopyOnWriteArrayList<>();
            topic.subscribe(seen::add);
            topic.publish(1L);
            bus.queue("cycle.q", Long.class).consume(seen::add);
            bus.queue("cycle.q", Long.class).send(2L);
            Await.until("both delivered", () -> seen.size() == 2);
        }
    }

    private static int liveThreads()
    {
        return (int)Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).count();
    }

    private static long openDescriptors()
    {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd")))
        {
            return fds.count();
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static long filesUnder(final Path root, final String name) throws IOException
    {
        final Path dir = root.resolve(name);
        if (!Files.exists(dir))
        {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir))
        {
            return files.count();
        }
    }
}
