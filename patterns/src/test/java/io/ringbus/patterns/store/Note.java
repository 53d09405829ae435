package io.ringbus.patterns.store;

import io.ringbus.api.codec.Codec;
import io.ringbus.api.codec.CodecException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The test event: a text and a number.
 */
record Note(String text, long n)
{
    /** Writes the number, then the text's UTF-8 bytes. */
    static final Codec<Note> CODEC = new Codec<>()
    {
        @Override
        public Class<Note> type()
        {
            return Note.class;
        }

        @Override
        public int maxEncodedLength(final Note note)
        {
            return 8 + note.text().length() * 3;
        }

        @Override
        public int encode(final Note note, final ByteBuffer buffer, final int offset)
        {
            buffer.putLong(offset, note.n());
            final byte[] text = note.text().getBytes(StandardCharsets.UTF_8);
            buffer.put(offset + 8, text);
            return 8 + text.length;
        }

        @Override
        public Note decode(final ByteBuffer buffer, final int offset, final int length)
        {
            if (length < 8)
            {
                throw new CodecException("Note takes at least 8 bytes, got " + length);
            }
            final byte[] text = new byte[length - 8];
            buffer.get(offset + 8, text);
            return new Note(new String(text, StandardCharsets.UTF_8), buffer.getLong(offset));
        }
    };
}
