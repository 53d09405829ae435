package io.ringbus.patterns.messaging;

import io.ringbus.api.codec.Codec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessagingTest
{
    record Message(String id, String body)
    {
    }

    @Test
    void duplicatesWithinTheWindowAreDroppedAndCounted() throws Exception
    {
        final List<Message> handled = new ArrayList<>();
        final IdempotentConsumer<Message> consumer = new IdempotentConsumer<>(Message::id, 3, handled::add);
        for (final String id : List.of("a", "b", "a", "c", "b"))
        {
            consumer.onEvent(new Message(id, id));
        }
        assertEquals(List.of("a", "b", "c"), handled.stream().map(Message::id).toList());
        assertEquals(3, consumer.handled());
        assertEquals(2, consumer.duplicates());

        // "d" pushes "a" (the oldest first-seen id) out of the window of 3: a late "a" is handled again.
        consumer.onEvent(new Message("d", "d"));
        assertEquals(1, consumer.evicted());
        consumer.onEvent(new Message("a", "again"));
        assertEquals("again", handled.get(handled.size() - 1).body());
        consumer.onEvent(new Message("c", "dup"));
        assertEquals(3, consumer.duplicates());
    }

    @Test
    void aFailedMessageIsHandledAgainOnRedelivery() throws Exception
    {
        final List<String> handled = new ArrayList<>();
        final boolean[] fail = {true};
        final IdempotentConsumer<Message> consumer = new IdempotentConsumer<>(Message::id, 10, m ->
        {
            if (fail[0])
            {
                throw new IllegalStateException("down");
            }
            handled.add(m.id());
        });
        assertThrows(IllegalStateException.class, () -> consumer.onEvent(new Message("x", "")));
        fail[0] = false;
        consumer.onEvent(new Message("x", ""));
        assertEquals(List.of("x"), handled);
        assertEquals(0, consumer.duplicates());
    }

    @Test
    void concurrentDuplicatesAreHandledOnce() throws Exception
    {
        final List<String> handled = new CopyOnWriteArrayList<>();
        final IdempotentConsumer<Message> consumer = new IdempotentConsumer<>(Message::id, 10_000, m -> handled.add(m.id()));
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        try
        {
            final List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++)
            {
                futures.add(pool.submit(() ->
                {
                    for (int i = 0; i < 1000; i++)
                    {
                        consumer.onEvent(new Message("m" + i, ""));
                    }
                    return null;
                }));
            }
            for (final Future<?> future : futures)
            {
                future.get(30, TimeUnit.SECONDS);
            }
        }
        finally
        {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
        assertEquals(1000, handled.size());
        assertEquals(1000, handled.stream().distinct().count());
        assertEquals(3000, consumer.duplicates());
    }

    static final Codec<String> TEXT = new Codec<>()
    {
        @Override
        public Class<String> type()
        {
            return String.class;
        }

        @Override
        public int maxEncodedLength(final String s)
        {
            return s.length() * 3;
        }

        @Override
        public int encode(final String s, final ByteBuffer buffer, final int offset)
        {
            final byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            buffer.put(offset, bytes);
            return bytes.length;
        }

        @Override
        public String decode(final ByteBuffer buffer, final int offset, final int length)
        {
            final byte[] bytes = new byte[length];
            buffer.get(offset, bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    };

    @TempDir
    Path dir;

    @Test
    void aClaimRedeemsItsPayloadAndDetectsTampering() throws Exception
    {
        final ClaimCheck<String> documents = new ClaimCheck<>(PayloadStore.directory(dir), TEXT, 1 << 20);
        final String big = "page ".repeat(10_000);
        final Claim claim = documents.check(big);
        assertEquals(big.length(), claim.length());
        assertEquals(big, documents.redeem(claim));

        // The claim travels inside events: it has a codec of its own.
        final ByteBuffer buffer = ByteBuffer.allocate(Claim.CODEC.maxEncodedLength(claim)).order(ByteOrder.LITTLE_ENDIAN);
        final int length = Claim.CODEC.encode(claim, buffer, 0);
        assertEquals(claim, Claim.CODEC.decode(buffer, 0, length));

        Files.writeString(dir.resolve(claim.reference()), "page ".repeat(9_999) + "PAGE ");
        assertTrue(assertThrows(IllegalStateException.class, () -> documents.redeem(claim)).getMessage()
            .contains("does not match"));
        documents.release(claim);
        assertTrue(assertThrows(IllegalStateException.class, () -> documents.redeem(claim)).getMessage()
            .contains("missing"));
        assertThrows(IllegalArgumentException.class,
            () -> new ClaimCheck<>(PayloadStore.inMemory(), TEXT, 10).check("far too long for ten bytes"));
        assertThrows(IllegalArgumentException.class,
            () -> PayloadStore.directory(dir).get("../../etc/passwd"));
    }
}
