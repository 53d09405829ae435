package io.ringbus.patterns.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The two calls through which the journal writes and syncs a segment, so that tests can make them fail as a full
 * disk or a failed {@code fsync} would. Production code keeps {@link #DEFAULT}.
 * <p>
 * <b>Note:</b> called under the journal's locks; an implementation must be thread-safe.
 */
public interface JournalIo
{
    /** Plain {@link FileChannel} calls. */
    JournalIo DEFAULT = new JournalIo()
    {
    };

    /**
     * Write all of {@code source} at {@code position}.
     *
     * @param channel  the segment.
     * @param source   the bytes, from its position to its limit.
     * @param position where in the file.
     * @throws IOException if the write fails (a full disk).
     */
    default void write(final FileChannel channel, final ByteBuffer source, final long position) throws IOException
    {
        long at = position;
        while (source.hasRemaining())
        {
            at += channel.write(source, at);
        }
    }

    /**
     * Sync the segment's data to the disk ({@code fdatasync}).
     *
     * @param channel the segment.
     * @throws IOException if the sync fails; the journal then stops acknowledging.
     */
    default void force(final FileChannel channel) throws IOException
    {
        channel.force(false);
    }
}
