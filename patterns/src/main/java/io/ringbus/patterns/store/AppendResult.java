package io.ringbus.patterns.store;

/**
 * What an acknowledged append wrote.
 * <p>
 * <b>Note:</b> immutable.
 *
 * @param version  the stream's version after the append: the version of its last event; pass it as the expected
 *                 version of the next append.
 * @param position the global position of the append's last event; a query can wait for a projection to reach
 *                 it (read your writes).
 */
public record AppendResult(long version, long position)
{
}
