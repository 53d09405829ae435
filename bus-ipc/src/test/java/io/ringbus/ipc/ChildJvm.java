package io.ringbus.ipc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A second JVM running {@link IpcPeer} with the test classpath; its output lines are collected for the test to
 * wait on. Always closed (killed and reaped) by the test, pass or fail.
 */
final class ChildJvm implements AutoCloseable
{
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ChildJvm(final Process process, final String name)
    {
        this.process = process;
        this.reader = new Thread(() ->
        {
            try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
            {
                for (String line = in.readLine(); line != null; line = in.readLine())
                {
                    lines.add(line);
                }
            }
            catch (final IOException ignore)
            {
                // the process went away
            }
        }, "child-output-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    static ChildJvm start(final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED");
        command.add("-Xmx128m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(IpcPeer.class.getName());
        command.addAll(List.of(args));
        try
        {
            final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            return new ChildJvm(p, args[0]);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start " + command, ex);
        }
    }

    List<String> lines()
    {
        return lines;
    }

    long count(final Predicate<String> which)
    {
        return lines.stream().filter(which).count();
    }

    /**
     * Wait for a line starting with {@code prefix}; fails with the child's output if it does not come in time
     * or the child dies.
     */
    String await(final String prefix, final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0)
        {
            for (final String line : lines)
            {
                if (line.startsWith(prefix))
                {
                    return line;
                }
            }
            if (!process.isAlive())
            {
                sleep(100); // let the reader take the last lines
                for (final String line : lines)
                {
                    if (line.startsWith(prefix))
                    {
                        return line;
                    }
                }
                throw new AssertionError("child exited with " + process.exitValue() + " before '" + prefix +
                    "'; output:\n" + String.join("\n", lines));
            }
            sleep(10);
        }
        throw new AssertionError("no '" + prefix + "' from the child within " + timeout + "; output:\n" +
            String.join("\n", lines));
    }

    void kill()
    {
        process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no goodbye
        try
        {
            process.waitFor(30, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    boolean isAlive()
    {
        return process.isAlive();
    }

    int awaitExit(final Duration timeout) throws InterruptedException
    {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
        {
            throw new AssertionError("child still running after " + timeout + "; output:\n" + String.join("\n", lines));
        }
        return process.exitValue();
    }

    @Override
    public void close()
    {
        kill();
        try
        {
            reader.join(5_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", ex);
        }
    }
}
