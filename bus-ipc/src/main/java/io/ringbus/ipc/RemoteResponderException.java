package io.ringbus.ipc;

/**
 * The responder in another process failed (it threw, or its reply could not be encoded): the message carries
 * its exception's class and message, since exceptions do not cross processes as objects.
 * <p>
 * <b>Note:</b> immutable once thrown; thread-safe.
 */
public final class RemoteResponderException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String address;

    /**
     * Creates one.
     *
     * @param address     the request address.
     * @param description what the remote side reported.
     */
    public RemoteResponderException(final String address, final String description)
    {
        super("the responder at '" + address + "' in another process failed: " + description);
        this.address = address;
    }

    /**
     * The request address.
     *
     * @return the address the request was sent to.
     */
    public String address()
    {
        return address;
    }
}
