package io.ringbus.ipc;

/**
 * Counters of the Aeron side of one {@link AeronBus}, at the moment {@link AeronBus#ipcStats()} was called.
 * Every frame received is either handled or counted here under one reason.
 * <p>
 * <b>Note:</b> immutable; thread-safe.
 *
 * @param nodeId             this bus's random node id, as peers see it.
 * @param connected          the Aeron client is open and its publication connected.
 * @param hostsDriver        this JVM runs the media driver the bus uses.
 * @param peers              other buses heard from and not lost.
 * @param framesSent         frames written to the stream.
 * @param framesReceived     frames read from other buses (own frames excluded).
 * @param backPressured      offers refused with {@code BACK_PRESSURED} (each retry counts).
 * @param notConnected       offers refused with {@code NOT_CONNECTED}.
 * @param closedOffers       offers refused with {@code CLOSED} or {@code MAX_POSITION_EXCEEDED}.
 * @param droppedTruncated   frames shorter than the header.
 * @param droppedForeign     frames of another version, or with flags this version does not know.
 * @param droppedUnknownKind frames of a kind this version does not know.
 * @param droppedUnknownType frames whose payload type has no codec here.
 * @param droppedMalformed   frames whose payload the codec refused.
 * @param droppedOversize    frames longer than the bus's frame limit.
 * @param unknownDestination frames for a destination this bus never declared (normal for topics it ignores).
 * @param peersJoined        peers heard from for the first time (or again).
 * @param peersLost          peers lost: goodbye, silence, or image gone.
 * @param redelivered        queue messages sent again to a survivor after their consumer node was lost or refused.
 * @param unacked            queue messages sent to another node and not acknowledged yet.
 * @param parked             queue messages waiting here because no consumer is known anywhere.
 * @param lateReplies        replies that came after their request had completed (timed out).
 * @param controlFailures    acks, announcements and replies that could not be written within their retry budget.
 * @param transportErrors    errors reported by the Aeron client or the embedded driver.
 */
public record IpcStats(
    long nodeId,
    boolean connected,
    boolean hostsDriver,
    int peers,
    long framesSent,
    long framesReceived,
    long backPressured,
    long notConnected,
    long closedOffers,
    long droppedTruncated,
    long droppedForeign,
    long droppedUnknownKind,
    long droppedUnknownType,
    long droppedMalformed,
    long droppedOversize,
    long unknownDestination,
    long peersJoined,
    long peersLost,
    long redelivered,
    int unacked,
    int parked,
    long lateReplies,
    long controlFailures,
    long transportErrors)
{
    /**
     * All frames dropped as bad input, whatever the reason.
     *
     * @return the sum of the {@code dropped*} counters.
     */
    public long droppedFrames()
    {
        return droppedTruncated + droppedForeign + droppedUnknownKind + droppedUnknownType + droppedMalformed +
            droppedOversize;
    }
}
