package io.ringbus.patterns.store;

/**
 * When the journal syncs its file to the disk, which decides what an acknowledged append survives.
 * <p>
 * <b>Note:</b> constants.
 */
public enum FsyncPolicy
{
    /**
     * Each append is synced ({@code fsync}) before it returns, one sync per append. An acknowledged append
     * survives a process crash, an OS crash and a power loss (as far as the disk honours its flush).
     */
    EVERY_APPEND,

    /**
     * Appends that arrive while a sync runs share the next one, so concurrent appenders pay one {@code fsync}
     * between them; each append still returns only once a sync has covered it. The same guarantee as
     * {@link #EVERY_APPEND}, with more appends per second when there are several appenders.
     */
    GROUP,

    /**
     * Never syncs: an append returns once it is written to the OS (the page cache). An acknowledged append
     * survives a crash of the process ({@code kill -9}) but may be lost, with everything after it, if the OS
     * crashes or the power fails before the OS writes it back.
     */
    NONE
}
