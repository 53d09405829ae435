package io.ringbus.bench;

/**
 * How a {@link Link} delivers to its receivers.
 * <p>
 * <b>Note:</b> an immutable value.
 */
public enum Topology
{
    /** One receiver sees every message. */
    ONE_TO_ONE,
    /** Every receiver sees every message (pub/sub, multicast). */
    FAN_OUT,
    /** Each message goes to exactly one of the receivers (competing consumers). */
    COMPETING,
    /**
     * A path per receiver (a topic each), the messages sent to them in turn: message {@code k} of the link goes to
     * receiver {@code k mod n} only. Only the {@link ManyTopicsSubject}s support it.
     */
    ROUND_ROBIN
}
