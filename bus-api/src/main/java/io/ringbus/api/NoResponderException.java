package io.ringbus.api;

/**
 * Completes a request's future at once when no responder is registered at its address.
 * <p>
 * <b>Note:</b> delivered through the request's future, never thrown by {@code request} itself.
 */
public class NoResponderException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** The address nobody responds at. */
    private final String address;

    /**
     * @param address the address nobody responds at.
     */
    public NoResponderException(final String address)
    {
        super("no responder registered at address '" + address + "'");
        this.address = address;
    }

    /**
     * The address of the failed request.
     *
     * @return the address.
     */
    public String address()
    {
        return address;
    }
}
