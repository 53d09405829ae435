package io.ringbus.patterns.messaging;

import io.ringbus.api.codec.Codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * The claim-check pattern: a large payload goes to a {@link PayloadStore} and the event or message carries only
 * a {@link Claim} (a reference, the length and a CRC-32C); whoever needs the payload redeems the claim. Events stay
 * small, so journals, rings and IPC frames stay small.
 *
 * <pre>{@code
 * ClaimCheck<Document> documents = new ClaimCheck<>(PayloadStore.directory(dir), new DocumentCodec(), 64 << 20);
 * Claim claim = documents.check(document);                 // store first ...
 * store.append("doc-1", ExpectedVersion.ANY, List.of(EventData.of(new Uploaded(claim))));   // ... then refer
 * Document again = documents.redeem(claim);
 * }</pre>
 * <p>
 * <b>Note:</b> thread-safe if the store and the codec are.
 *
 * @param <P> type of the payloads.
 */
public final class ClaimCheck<P>
{
    private final PayloadStore store;
    private final Codec<P> codec;
    private final int maxPayloadSize;

    /**
     * @param store          where the payloads go.
     * @param codec          writes and reads them.
     * @param maxPayloadSize the largest encoded payload accepted and read back, positive.
     */
    public ClaimCheck(final PayloadStore store, final Codec<P> codec, final int maxPayloadSize)
    {
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        if (maxPayloadSize <= 0)
        {
            throw new IllegalArgumentException("maxPayloadSize " + maxPayloadSize + " must be positive");
        }
        this.maxPayloadSize = maxPayloadSize;
    }

    /**
     * Store a payload and return its claim.
     *
     * @param payload the payload.
     * @return the claim to put in the event.
     * @throws IllegalArgumentException if the payload may encode to more than the maximum size.
     */
    public Claim check(final P payload)
    {
        Objects.requireNonNull(payload, "payload");
        final int bound = codec.maxEncodedLength(payload);
        if (bound < 0 || bound > maxPayloadSize)
        {
            throw new IllegalArgumentException("payload " + payload.getClass().getName() + " encodes to up to " +
                bound + " bytes, more than maxPayloadSize " + maxPayloadSize);
        }
        final ByteBuffer buffer = ByteBuffer.allocate(bound).order(ByteOrder.LITTLE_ENDIAN);
        final int length = codec.encode(payload, buffer, 0);
        final byte[] bytes = new byte[length];
        buffer.get(0, bytes);
        final String reference = store.put(bytes);
        return new Claim(reference, length, crc(bytes));
    }

    /**
     * The payload a claim refers to.
     *
     * @param claim the claim from an event.
     * @return the payload.
     * @throws IllegalStateException if the payload is missing, or its length or CRC-32C differs from the claim's.
     */
    public P redeem(final Claim claim)
    {
        Objects.requireNonNull(claim, "claim");
        if (claim.length() > maxPayloadSize)
        {
            throw new IllegalStateException("claim " + claim.reference() + " is for " + claim.length() +
                " bytes, more than maxPayloadSize " + maxPayloadSize);
        }
        final byte[] bytes = store.get(claim.reference()).orElseThrow(() -> new IllegalStateException(
            "payload " + claim.reference() + " is missing from the payload store"));
        if (bytes.length != claim.length() || crc(bytes) != claim.crc32c())
        {
            throw new IllegalStateException("payload " + claim.reference() + " does not match its claim (" +
                bytes.length + " bytes, claim says " + claim.length() + ", or the CRC-32C differs)");
        }
        return codec.decode(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), 0, bytes.length);
    }

    /**
     * Delete the payload once no event needs it (events in an event store usually always do).
     *
     * @param claim the claim.
     */
    public void release(final Claim claim)
    {
        store.delete(Objects.requireNonNull(claim, "claim").reference());
    }

    private static int crc(final byte[] bytes)
    {
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length);
        return (int)crc.getValue();
    }
}
