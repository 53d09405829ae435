package io.ringbus.patterns.store;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The layout of one journal record. All fields little-endian; a record starts at an 8-byte aligned offset of its
 * segment and is padded with zeros to the next one.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                 Length (bytes from offset 8 on)               |  0
 *  +---------------------------------------------------------------+
 *  |        CRC-32C of Length and of bytes 8 .. 8 + Length         |  4
 *  +-------------------------------+---------------+---------------+
 *  |         Magic 0x4A52          |  Version (1)  |     Flags     |  8
 *  +-------------------------------+---------------+---------------+
 *  |                     Stream id length (bytes)                  | 12
 *  +---------------------------------------------------------------+
 *  |                                                               | 16
 *  +                   Global position (int64)                     +
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                                                               | 24
 *  +                    Stream version (int64)                     +
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                                                               | 32
 *  +              Event id: UUID, most then least significant      +
 *  |                        half (2 x int64)                       |
 *  +                                                               +
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                                                               | 48
 *  +               Timestamp, ms since the epoch (int64)           +
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                      Payload length (bytes)                   | 56
 *  +---------------------------------------------------------------+
 *  |                   Stream id (UTF-8)                          ...  60
 *  +---------------------------------------------------------------+
 *  |                   Payload (the event's Codec)                ...
 *  +---------------------------------------------------------------+
 *  |                   Zero padding to 8 bytes                    ...
 *  +---------------------------------------------------------------+
 * </pre>
 * Flag {@link #END_OF_BATCH} marks the last record of one append: recovery keeps whole appends only, so an append
 * is atomic across a crash. Length counts from offset 8 and excludes the padding; it is checked against the
 * maximum record size and the bytes left in the file before anything is read by it.
 * <p>
 * <b>Note:</b> stateless; the static methods work on the caller's buffer.
 */
public final class RecordDescriptor
{
    /** Offset of the length field. */
    public static final int LENGTH_OFFSET = 0;
    /** Offset of the CRC-32C. */
    public static final int CRC_OFFSET = 4;
    /** Offset of the magic number. */
    public static final int MAGIC_OFFSET = 8;
    /** Offset of the format version. */
    public static final int VERSION_OFFSET = 10;
    /** Offset of the flags. */
    public static final int FLAGS_OFFSET = 11;
    /** Offset of the stream id's length. */
    public static final int STREAM_ID_LENGTH_OFFSET = 12;
    /** Offset of the global position. */
    public static final int POSITION_OFFSET = 16;
    /** Offset of the stream version. */
    public static final int STREAM_VERSION_OFFSET = 24;
    /** Offset of the event id's most significant half. */
    public static final int EVENT_ID_HIGH_OFFSET = 32;
    /** Offset of the event id's least significant half. */
    public static final int EVENT_ID_LOW_OFFSET = 40;
    /** Offset of the timestamp. */
    public static final int TIMESTAMP_OFFSET = 48;
    /** Offset of the payload length. */
    public static final int PAYLOAD_LENGTH_OFFSET = 56;
    /** Offset of the stream id's bytes; the payload follows them. */
    public static final int STREAM_ID_OFFSET = 60;

    /** Bytes before the length's count starts. */
    public static final int PREFIX_LENGTH = 8;
    /** The smallest valid value of the length field: the fixed fields after the prefix plus one stream id byte. */
    public static final int MIN_LENGTH = STREAM_ID_OFFSET - PREFIX_LENGTH + 1;
    /** Records start at multiples of this. */
    public static final int ALIGNMENT = 8;

    /** "JR", little-endian. */
    public static final short MAGIC = 0x4A52;
    /** The only format version so far. */
    public static final byte FORMAT_VERSION = 1;
    /** Flag: the last record of an append. */
    public static final byte END_OF_BATCH = 1;

    private RecordDescriptor()
    {
    }

    /**
     * The length of a whole record, padding included.
     *
     * @param length the length field.
     * @return bytes from the record's start to the next record's.
     */
    public static int frameLength(final int length)
    {
        return align(PREFIX_LENGTH + length);
    }

    /**
     * Rounds up to {@link #ALIGNMENT}.
     *
     * @param n a byte count.
     * @return the next multiple of 8.
     */
    public static int align(final int n)
    {
        return (n + ALIGNMENT - 1) & -ALIGNMENT;
    }

    /**
     * The CRC-32C a record at {@code offset} of {@code buffer} must carry, computed from its length field and
     * body. The caller has checked that the body lies within the buffer.
     *
     * @param crc    a CRC object to reuse.
     * @param buffer an array-backed buffer.
     * @param offset the record's start.
     * @param length its length field.
     * @return the checksum.
     */
    public static int crc(final CRC32C crc, final ByteBuffer buffer, final int offset, final int length)
    {
        final byte[] array = buffer.array();
        final int base = buffer.arrayOffset() + offset;
        crc.reset();
        crc.update(array, base + LENGTH_OFFSET, 4);
        crc.update(array, base + PREFIX_LENGTH, length);
        return (int)crc.getValue();
    }
}
