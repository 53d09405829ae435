package io.ringbus.bench.subjects;

import io.ringbus.bench.BenchMain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The other process of an IPC subject: a child JVM running {@link IpcPeer} on this JVM's class path, with the
 * add-exports flag Agrona needs. Its standard input stays a pipe from this process: the child halts when it
 * reads end-of-file, so it cannot outlive the bench even if the bench is killed. {@link #close()} destroys it
 * and waits for it to exit.
 * <p>
 * <b>Note:</b> started and closed by one harness thread.
 */
final class ChildJvm implements AutoCloseable
{
    private static final long STOP_SECONDS = 10;

    private final Process process;

    private ChildJvm(final Process process)
    {
        this.process = process;
    }

    /**
     * Starts {@code IpcPeer args...}.
     *
     * @param args the peer's arguments.
     * @return the running child.
     * @throws IOException when the JVM cannot be started.
     */
    static ChildJvm start(final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>(List.of(
            Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
            BenchMain.JVM_EXPORTS,
            "-Xms128m",
            "-Xmx256m",
            "-cp", System.getProperty("java.class.path"),
            IpcPeer.class.getName()));
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        return new ChildJvm(process);
    }

    /**
     * Fails when the child has already exited.
     *
     * @throws IllegalStateException naming its exit code.
     */
    void checkAlive()
    {
        if (!process.isAlive())
        {
            throw new IllegalStateException("the IPC peer process exited with code " + process.exitValue());
        }
    }

    @Override
    public void close() throws InterruptedException
    {
        try
        {
            process.getOutputStream().close();
        }
        catch (final IOException ignore)
        {
            // the pipe is gone: the child has exited or will be destroyed below
        }
        if (!process.waitFor(1, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS))
            {
                throw new IllegalStateException("the IPC peer process did not stop within " + STOP_SECONDS + " s");
            }
        }
    }

    /** A fresh folder for an Aeron driver: under /dev/shm when there is one (as Aeron does), else the temp folder. */
    static Path newBase()
    {
        final Path shm = Paths.get("/dev/shm");
        final Path root = Files.isDirectory(shm) ? shm : Paths.get(System.getProperty("java.io.tmpdir"));
        return root.resolve("ringbus-bench-" + ProcessHandle.current().pid() + "-" +
            UUID.randomUUID().toString().substring(0, 8));
    }

    /** Deletes a driver folder and everything in it, if it exists. */
    static void delete(final Path dir) throws IOException
    {
        if (!Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> files = Files.walk(dir))
        {
            for (final Path file : files.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(file);
            }
        }
    }
}
