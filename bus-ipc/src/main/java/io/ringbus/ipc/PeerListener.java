package io.ringbus.ipc;

/**
 * Told when another bus (a peer process, or another bus of this JVM) is first heard from and when it is gone:
 * it said goodbye, fell silent for the peer timeout, or its Aeron image went away (a killed process).
 * <p>
 * <b>Note:</b> called on the bus's receiver thread; keep it short and never block in it.
 */
public interface PeerListener
{
    /**
     * A peer was heard from for the first time (or again after it was lost).
     *
     * @param nodeId the peer bus's node id.
     */
    default void onPeerJoined(final long nodeId)
    {
    }

    /**
     * A peer is gone: its unacknowledged queue messages are being sent to survivors and requests waiting for its
     * replies have failed.
     *
     * @param nodeId the peer bus's node id.
     * @param reason why it is considered gone.
     */
    default void onPeerLost(final long nodeId, final String reason)
    {
    }
}
