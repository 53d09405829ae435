package io.ringbus.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A run's report folder, written whole or not at all: the run writes into a hidden {@code .<name>.partial} folder
 * beside the final one and {@link #publish()} renames it into place at the end, then replaces {@code latest} with a
 * copy (also built aside and renamed). A run that fails or is interrupted ({@link #discard()}, or the shutdown hook
 * on Ctrl-C) deletes its partial folder, so the report root never holds a half-written report.
 * <p>
 * <b>Note:</b> used by the bench's main thread; the shutdown hook only deletes the partial folder.
 */
final class ReportFolder
{
    /** The name of the copy of the newest report, beside the reports. */
    static final String LATEST = "latest";
    private static final String PARTIAL = ".partial";

    private final Path target;
    private final Path partial;
    private final Thread hook;
    private boolean done;

    private ReportFolder(final Path target, final Path partial)
    {
        this.target = target;
        this.partial = partial;
        this.hook = new Thread(() -> deleteQuietly(partial), "bench-discard-partial-report");
    }

    /**
     * Makes the partial folder of a report that will be called {@code root/name} (or {@code name-2}, ... if that
     * exists), and arranges for it to be deleted if the JVM stops before {@link #publish()}.
     *
     * @param root the report root, made if missing.
     * @param name the report's name, e.g. its start time.
     * @return the report folder, open for writing.
     * @throws IOException when the folder cannot be made.
     */
    static ReportFolder create(final Path root, final String name) throws IOException
    {
        Files.createDirectories(root);
        String unique = name;
        for (int i = 2; Files.exists(root.resolve(unique)) || Files.exists(root.resolve("." + unique + PARTIAL)); i++)
        {
            unique = name + "-" + i;
        }
        final ReportFolder folder = new ReportFolder(root.resolve(unique), root.resolve("." + unique + PARTIAL));
        Files.createDirectory(folder.partial);
        Runtime.getRuntime().addShutdownHook(folder.hook);
        return folder;
    }

    /**
     * @return where the run writes until {@link #publish()}: the partial folder.
     */
    Path writing()
    {
        return partial;
    }

    /**
     * @return where the report will be once published.
     */
    Path target()
    {
        return target;
    }

    /**
     * @return the {@code latest} copy beside the report.
     */
    Path latest()
    {
        return target.resolveSibling(LATEST);
    }

    /**
     * Moves the finished report into place, then replaces {@code latest} with a copy of it.
     *
     * @return the published folder.
     * @throws IOException when the report cannot be moved into place (its partial folder is then deleted), or
     *                     {@code latest} cannot be replaced (the report stays where it is).
     */
    Path publish() throws IOException
    {
        if (done)
        {
            throw new IllegalStateException("the report folder was already published or discarded: " + target);
        }
        try
        {
            move(partial, target);
        }
        catch (final IOException | RuntimeException ex)
        {
            discard();
            throw ex;
        }
        done = true;
        unhook();
        replaceLatest();
        return target;
    }

    /** Deletes the partial folder of a run that did not finish; nothing is left of it. */
    void discard()
    {
        if (!done)
        {
            done = true;
            deleteQuietly(partial);
            unhook();
        }
    }

    private void replaceLatest() throws IOException
    {
        final Path latest = latest();
        final Path fresh = latest.resolveSibling("." + LATEST + "-" + target.getFileName() + PARTIAL);
        final Path old = latest.resolveSibling("." + LATEST + "-" + target.getFileName() + ".old");
        try
        {
            copy(target, fresh);
            if (Files.exists(latest))
            {
                move(latest, old);
            }
            move(fresh, latest);
        }
        finally
        {
            deleteQuietly(fresh);
            deleteQuietly(old);
        }
    }

    private void unhook()
    {
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException ex)
        {
            // The JVM is already shutting down: the hook runs and finds nothing to delete.
        }
    }

    private static void move(final Path from, final Path to) throws IOException
    {
        try
        {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final AtomicMoveNotSupportedException ex)
        {
            Files.move(from, to);
        }
    }

    private static void copy(final Path from, final Path to) throws IOException
    {
        try (Stream<Path> files = Files.walk(from))
        {
            for (final Path path : files.toList())
            {
                final Path copy = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path))
                {
                    Files.createDirectories(copy);
                }
                else
                {
                    Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Deletes a folder tree; what cannot be deleted (a file still being written) is left, never thrown. */
    static void deleteQuietly(final Path root)
    {
        if (!Files.exists(root))
        {
            return;
        }
        try (Stream<Path> files = Files.walk(root))
        {
            final List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
            for (final Path path : all)
            {
                try
                {
                    Files.deleteIfExists(path);
                }
                catch (final IOException ex)
                {
                    // Best effort: a JMH log still open on a dying run; the folder is hidden and named partial.
                }
            }
        }
        catch (final IOException | UncheckedIOException ex)
        {
            // Best effort, as above: a file vanished while walking.
        }
    }
}
