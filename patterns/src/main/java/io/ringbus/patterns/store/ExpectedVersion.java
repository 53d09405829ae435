package io.ringbus.patterns.store;

/**
 * The special values of the {@code expectedVersion} argument of {@link EventStore#append}; any value from 0 up
 * asks for exactly that version (the version of the stream's last event).
 * <p>
 * <b>Note:</b> constants only.
 */
public final class ExpectedVersion
{
    /** Append whatever the stream's version: no concurrency check. */
    public static final long ANY = -2;

    /** The stream must not exist yet (it has no event); also the version of a stream with no event. */
    public static final long NO_STREAM = -1;

    /** The stream must exist (have at least one event), at any version. */
    public static final long STREAM_EXISTS = -4;

    private ExpectedVersion()
    {
    }

    /**
     * Names a value for messages.
     *
     * @param expectedVersion a value given to {@link EventStore#append}.
     * @return {@code "ANY"}, {@code "NO_STREAM"}, {@code "STREAM_EXISTS"} or the number.
     */
    public static String describe(final long expectedVersion)
    {
        if (ANY == expectedVersion)
        {
            return "ANY";
        }
        if (NO_STREAM == expectedVersion)
        {
            return "NO_STREAM";
        }
        if (STREAM_EXISTS == expectedVersion)
        {
            return "STREAM_EXISTS";
        }

        return Long.toString(expectedVersion);
    }

    static void validate(final long expectedVersion)
    {
        if (expectedVersion < 0 && ANY != expectedVersion && NO_STREAM != expectedVersion &&
            STREAM_EXISTS != expectedVersion)
        {
            throw new IllegalArgumentException(
                "expectedVersion " + expectedVersion + " is negative: use a version >= 0, or ANY, NO_STREAM or " +
                "STREAM_EXISTS");
        }
    }
}
