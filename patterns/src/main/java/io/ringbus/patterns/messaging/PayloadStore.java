package io.ringbus.patterns.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a {@link ClaimCheck} keeps payloads, by reference.
 * <p>
 * <b>Note:</b> implementations must be thread-safe.
 */
public interface PayloadStore
{
    /**
     * Keep a payload; when this returns, the payload is as durable as the store promises.
     *
     * @param payload the bytes; the store may keep the array.
     * @return a new reference to it.
     */
    String put(byte[] payload);

    /**
     * @param reference a reference from {@link #put}.
     * @return the payload, or empty if there is none (never stored, or deleted).
     */
    Optional<byte[]> get(String reference);

    /**
     * Forget a payload; nothing happens if there is none.
     *
     * @param reference a reference from {@link #put}.
     */
    void delete(String reference);

    /**
     * Payloads in the heap.
     *
     * @return an empty store.
     */
    static PayloadStore inMemory()
    {
        final Map<String, byte[]> payloads = new ConcurrentHashMap<>();
        return new PayloadStore()
        {
            @Override
            public String put(final byte[] payload)
            {
                final String reference = UUID.randomUUID().toString();
                payloads.put(reference, payload.clone());
                return reference;
            }

            @Override
            public Optional<byte[]> get(final String reference)
            {
                return Optional.ofNullable(payloads.get(reference)).map(byte[]::clone);
            }

            @Override
            public void delete(final String reference)
            {
                payloads.remove(reference);
            }
        };
    }

    /**
     * One file per payload in a directory, synced and then moved into place before {@link #put} returns, so
     * that an event appended after it never refers to a payload a crash could lose.
     *
     * @param directory where the files go; created if missing.
     * @return the store.
     */
    static PayloadStore directory(final Path directory)
    {
        return new PayloadStore()
        {
            @Override
            public String put(final byte[] payload)
            {
                final String reference = UUID.randomUUID().toString();
                final Path temporary = directory.resolve(reference + ".tmp");
                try
                {
                    Files.createDirectories(directory);
                    try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE))
                    {
                        final java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(payload);
                        while (bytes.hasRemaining())
                        {
                            out.write(bytes);
                        }
                        out.force(true);
                    }
                    Files.move(temporary, directory.resolve(reference), StandardCopyOption.ATOMIC_MOVE);
                    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ))
                    {
                        dir.force(true);
                    }
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException("cannot store payload in " + directory, ex);
                }
                return reference;
            }

            @Override
            public Optional<byte[]> get(final String reference)
            {
                try
                {
                    return Optional.of(Files.readAllBytes(file(reference)));
                }
                catch (final NoSuchFileException ex)
                {
                    return Optional.empty();
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException("cannot read payload " + reference, ex);
                }
            }

            @Override
            public void delete(final String reference)
            {
                try
                {
                    Files.deleteIfExists(file(reference));
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException("cannot delete payload " + reference, ex);
                }
            }

            private Path file(final String reference)
            {
                // References are ours (UUIDs); anything else could name a file outside the directory.
                try
                {
                    UUID.fromString(reference);
                }
                catch (final IllegalArgumentException ex)
                {
                    throw new IllegalArgumentException("reference '" + reference + "' is not one this store made", ex);
                }
                return directory.resolve(reference);
            }
        };
    }
}
