package io.ringbus.patterns.messaging;

import io.ringbus.api.codec.Codec;
import io.ringbus.api.codec.CodecException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What an event or message carries instead of a large payload: where the payload is, and how to check it.
 * <p>
 * <b>Note:</b> immutable.
 *
 * @param reference the payload's key in its {@link PayloadStore}.
 * @param length    the payload's length in bytes.
 * @param crc32c    the payload's CRC-32C, checked when it is redeemed.
 */
public record Claim(String reference, int length, int crc32c)
{
    /** The longest reference, in UTF-8 bytes. */
    public static final int MAX_REFERENCE_LENGTH = 255;

    /** Writes a claim: length, CRC, reference length, reference bytes. */
    public static final Codec<Claim> CODEC = new Codec<>()
    {
        @Override
        public Class<Claim> type()
        {
            return Claim.class;
        }

        @Override
        public int maxEncodedLength(final Claim claim)
        {
            return 12 + claim.reference().length() * 3;
        }

        @Override
        public int encode(final Claim claim, final ByteBuffer buffer, final int offset)
        {
            final byte[] reference = claim.reference().getBytes(StandardCharsets.UTF_8);
            buffer.putInt(offset, claim.length()).putInt(offset + 4, claim.crc32c()).putInt(offset + 8, reference.length);
            buffer.put(offset + 12, reference);
            return 12 + reference.length;
        }

        @Override
        public Claim decode(final ByteBuffer buffer, final int offset, final int length)
        {
            if (length < 12)
            {
                throw new CodecException("Claim takes at least 12 bytes, got " + length);
            }
            final int referenceLength = buffer.getInt(offset + 8);
            if (referenceLength < 1 || referenceLength > MAX_REFERENCE_LENGTH || 12 + referenceLength != length)
            {
                throw new CodecException("Claim reference length " + referenceLength + " does not fit " + length +
                    " bytes");
            }
            final byte[] reference = new byte[referenceLength];
            buffer.get(offset + 12, reference);
            return new Claim(new String(reference, StandardCharsets.UTF_8), buffer.getInt(offset),
                buffer.getInt(offset + 4));
        }
    };

    /**
     * Checks the fields.
     *
     * @param reference the payload's key.
     * @param length    its length.
     * @param crc32c    its checksum.
     */
    public Claim
    {
        Objects.requireNonNull(reference, "reference");
        if (reference.isEmpty() || reference.getBytes(StandardCharsets.UTF_8).length > MAX_REFERENCE_LENGTH)
        {
            throw new IllegalArgumentException("reference must have 1 to " + MAX_REFERENCE_LENGTH + " UTF-8 bytes");
        }
        if (length < 0)
        {
            throw new IllegalArgumentException("length " + length + " is negative");
        }
    }
}
