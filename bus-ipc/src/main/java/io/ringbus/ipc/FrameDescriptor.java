package io.ringbus.ipc;

import java.nio.charset.StandardCharsets;

/**
 * The wire envelope every Ringbus message carries inside one Aeron message, little-endian:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------+---------------+-------------------------------+
 *  |   Version     |     Kind      |            Flags              |  0
 *  +---------------+---------------+-------------------------------+
 *  |                        Destination Id                         |  4
 *  +---------------------------------------------------------------+
 *  |                           Type Id                             |  8
 *  +---------------------------------------------------------------+
 *  |                             Aux                               | 12
 *  +---------------------------------------------------------------+
 *  |                        Sender Node Id                         | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |              Target Node Id (0: every node)                   | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |              Correlation Id (delivery or request)             | 32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     Payload (codec bytes)                    ...  40
 *  ...                                                             |
 *  +---------------------------------------------------------------+
 * </pre>
 * <ul>
 *   <li><b>Version</b>: {@link #VERSION}. A frame of another version is dropped and counted, never parsed.</li>
 *   <li><b>Kind</b>: one of the {@code KIND_*} constants; any other value is dropped and counted.</li>
 *   <li><b>Flags</b>: none are defined in version 1; a frame with any flag set is treated as foreign.</li>
 *   <li><b>Destination Id</b>: {@link #destinationId(String)} of the topic or queue name, or of
 *       {@code "@" + address} for requests; a receiver that never declared it ignores the frame (counted).</li>
 *   <li><b>Type Id</b>: {@link #typeId(Class)} of the payload's class; a receiver without a codec for it drops the
 *       frame (counted).</li>
 *   <li><b>Aux</b>: per kind: the request timeout in milliseconds, the number of consumers or responders announced,
 *       or a reply's {@code REPLY_*} status.</li>
 *   <li><b>Sender / Target Node Id</b>: random 64-bit ids of the buses; a node skips its own frames and frames
 *       addressed to another node.</li>
 *   <li><b>Correlation Id</b>: a queue delivery id (echoed by its ack) or a request id (echoed by its reply).</li>
 * </ul>
 * The payload length is the Aeron message length minus {@link #HEADER_LENGTH}; nothing in the frame states a
 * length that a receiver trusts.
 * <p>
 * <b>Note:</b> constants and pure functions only; thread-safe.
 */
public final class FrameDescriptor
{
    /** The only version this build writes and reads. */
    public static final byte VERSION = 1;

    /** Offset of the version byte. */
    public static final int VERSION_OFFSET = 0;
    /** Offset of the kind byte. */
    public static final int KIND_OFFSET = 1;
    /** Offset of the 16-bit flags. */
    public static final int FLAGS_OFFSET = 2;
    /** Offset of the 32-bit destination id. */
    public static final int DESTINATION_OFFSET = 4;
    /** Offset of the 32-bit type id. */
    public static final int TYPE_OFFSET = 8;
    /** Offset of the 32-bit auxiliary value. */
    public static final int AUX_OFFSET = 12;
    /** Offset of the 64-bit sender node id. */
    public static final int SENDER_OFFSET = 16;
    /** Offset of the 64-bit target node id. */
    public static final int TARGET_OFFSET = 24;
    /** Offset of the 64-bit correlation id. */
    public static final int CORRELATION_OFFSET = 32;
    /** Length of the header; the payload starts here (8-byte aligned). */
    public static final int HEADER_LENGTH = 40;

    /** An event published to a topic, for every node. */
    public static final byte KIND_TOPIC = 1;
    /** A queue message for one node; the correlation id is its delivery id. */
    public static final byte KIND_QUEUE = 2;
    /** A consumer node handled (or failed) a queue message: the sender may forget it. */
    public static final byte KIND_ACK = 3;
    /** A node could not take a queue message (no consumer left): the sender routes it again. */
    public static final byte KIND_REJECT = 4;
    /** A request for one node; aux is the timeout in milliseconds. */
    public static final byte KIND_REQUEST = 5;
    /** A reply; aux is a {@code REPLY_*} status. */
    public static final byte KIND_REPLY = 6;
    /** A node's heartbeat. */
    public static final byte KIND_HELLO = 7;
    /** A node announces how many consumers (queue) or responders (address) it has for a destination. */
    public static final byte KIND_ANNOUNCE = 8;
    /** A node is closing: forget it now rather than after the peer timeout. */
    public static final byte KIND_BYE = 9;

    /** The reply carries the responder's answer. */
    public static final int REPLY_OK = 0;
    /** The responder threw: the payload is a UTF-8 description. */
    public static final int REPLY_FAILED = 1;
    /** The node had no responder any more. */
    public static final int REPLY_NO_RESPONDER = 2;
    /** The reply could not be encoded or decoded: the payload is a UTF-8 description. */
    public static final int REPLY_UNENCODABLE = 3;

    private FrameDescriptor()
    {
    }

    /**
     * Whether a kind byte is one this version knows.
     *
     * @param kind the byte read at {@link #KIND_OFFSET}.
     * @return {@code true} for the {@code KIND_*} values.
     */
    public static boolean isKnownKind(final byte kind)
    {
        return kind >= KIND_TOPIC && kind <= KIND_BYE;
    }

    /**
     * The id of a destination on the wire: the 32-bit FNV-1a hash of its UTF-8 name, never 0.
     *
     * @param name a topic or queue name, or {@code "@" + address} for a request address.
     * @return its id.
     */
    public static int destinationId(final String name)
    {
        return fnv(name);
    }

    /**
     * The id of a payload type on the wire: the 32-bit FNV-1a hash of the class name, never 0, so that both sides
     * compute it from the class alone.
     *
     * @param type the class.
     * @return its id.
     */
    public static int typeId(final Class<?> type)
    {
        return fnv(type.getName());
    }

    private static int fnv(final String s)
    {
        int hash = 0x811C9DC5;
        for (final byte b : s.getBytes(StandardCharsets.UTF_8))
        {
            hash ^= b & 0xFF;
            hash *= 0x01000193;
        }
        return hash == 0 ? 1 : hash;
    }
}
