package io.ringbus.patterns.cqrs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a {@link Projection} keeps the position it has applied up to, so that it resumes there.
 * <p>
 * A checkpoint is only as good as the read model it belongs to: a read model kept in memory starts empty, so its
 * projection must start from 0 ({@link #inMemory()}, the default). A durable read model should store its
 * checkpoint with its own data, atomically; {@link #directory(Path)} suits read models whose handlers are
 * idempotent, since events after the last saved checkpoint are applied again after a crash.
 * <p>
 * <b>Note:</b> implementations must be thread-safe.
 */
public interface CheckpointStore
{
    /**
     * @param projection the projection's name.
     * @return the last saved position, -1 if none.
     */
    long load(String projection);

    /**
     * @param projection the projection's name.
     * @param position   the position it has applied up to; -1 to start over.
     */
    void save(String projection, long position);

    /**
     * Checkpoints in the heap, lost with the JVM.
     *
     * @return an empty store.
     */
    static CheckpointStore inMemory()
    {
        final Map<String, Long> positions = new ConcurrentHashMap<>();
        return new CheckpointStore()
        {
            @Override
            public long load(final String projection)
            {
                return positions.getOrDefault(projection, -1L);
            }

            @Override
            public void save(final String projection, final long position)
            {
                positions.put(projection, position);
            }
        };
    }

    /**
     * One file per projection ({@code <name>.checkpoint}) in a directory, replaced atomically on each save.
     *
     * @param directory where the files go; created if missing.
     * @return the store.
     */
    static CheckpointStore directory(final Path directory)
    {
        return new CheckpointStore()
        {
            @Override
            public long load(final String projection)
            {
                final Path file = directory.resolve(projection + ".checkpoint");
                try
                {
                    return Files.exists(file) ? Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip())
                        : -1;
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException("cannot read checkpoint " + file, ex);
                }
                catch (final NumberFormatException ex)
                {
                    throw new IllegalStateException("checkpoint " + file + " does not hold a position", ex);
                }
            }

            @Override
            public void save(final String projection, final long position)
            {
                final Path file = directory.resolve(projection + ".checkpoint");
                final Path temporary = directory.resolve(projection + ".checkpoint.tmp");
                try
                {
                    Files.createDirectories(directory);
                    Files.writeString(temporary, Long.toString(position), StandardCharsets.US_ASCII);
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException("cannot save checkpoint " + file, ex);
                }
            }
        };
    }
}
