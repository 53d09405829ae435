package io.ringbus.patterns.store;

import java.nio.file.Path;

/**
 * The journal holds bytes that are not what it wrote, somewhere other than a torn tail: it refuses to open
 * rather than drop or misread acknowledged events. Restore the file from a backup, or move it away knowingly.
 * <p>
 * <b>Note:</b> immutable once thrown.
 */
public final class JournalCorruptedException extends EventStoreException
{
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;

    /**
     * @param file   the segment file.
     * @param offset where in it the bad record starts.
     * @param reason what is wrong there.
     */
    public JournalCorruptedException(final Path file, final long offset, final String reason)
    {
        super("journal corrupted in " + file + " at offset " + offset + ": " + reason);
        this.file = file;
        this.offset = offset;
    }

    /**
     * @return the segment file holding the bad bytes.
     */
    public Path file()
    {
        return file;
    }

    /**
     * @return the offset of the bad record in {@link #file()}.
     */
    public long offset()
    {
        return offset;
    }
}
