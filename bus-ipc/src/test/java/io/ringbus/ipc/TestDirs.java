package io.ringbus.ipc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Driver base directories for tests: unique, under /dev/shm (as in production), removed afterwards.
 */
final class TestDirs
{
    private TestDirs()
    {
    }

    static Path newBase()
    {
        final Path shm = Paths.get("/dev/shm");
        final Path root = Files.isDirectory(shm) ? shm : Paths.get(System.getProperty("java.io.tmpdir"));
        return root.resolve("ringbus-test-" + ProcessHandle.current().pid() + "-" +
            UUID.randomUUID().toString().substring(0, 8));
    }

    static void delete(final Path dir)
    {
        if (dir == null || !Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> files = Files.walk(dir))
        {
            files.sorted(Comparator.reverseOrder()).forEach(p ->
            {
                try
                {
                    Files.deleteIfExists(p);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            });
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
