package io.ringbus.ipc;

import io.ringbus.api.codec.CodecException;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A {@link SlotCodec} for the contract test's mutable {@code Quote} (package-private in io.ringbus.api, hence
 * the handles), so that the contract's slot-mode topics are shared and cross the Aeron stream like the rest.
 * Layout: price (8), stage (4), symbol length (4, -1 for null), symbol UTF-8.
 */
final class ContractQuoteCodec implements SlotCodec<Object>
{
    private final Class<Object> type;
    private final MethodHandle create;
    private final VarHandle symbol;
    private final VarHandle price;
    private final VarHandle stage;

    @SuppressWarnings("unchecked")
    ContractQuoteCodec()
    {
        try
        {
            type = (Class<Object>)Class.forName("io.ringbus.api.BusContractTest$Quote");
            final MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            create = lookup.findConstructor(type, MethodType.methodType(void.class));
            symbol = lookup.findVarHandle(type, "symbol", String.class);
            price = lookup.findVarHandle(type, "price", long.class);
            stage = lookup.findVarHandle(type, "stage", int.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public Class<Object> type()
    {
        return type;
    }

    @Override
    public int maxEncodedLength(final Object value)
    {
        final String s = (String)symbol.get(value);
        return 16 + (s == null ? 0 : s.length() * 3);
    }

    @Override
    public int encode(final Object value, final ByteBuffer buffer, final int offset)
    {
        final String s = (String)symbol.get(value);
        buffer.putLong(offset, (long)price.get(value)).putInt(offset + 8, (int)stage.get(value));
        if (s == null)
        {
            buffer.putInt(offset + 12, -1);
            return 16;
        }
        final byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        buffer.putInt(offset + 12, bytes.length).put(offset + 16, bytes);
        return 16 + bytes.length;
    }

    @Override
    public Object decode(final ByteBuffer buffer, final int offset, final int length)
    {
        final Object quote;
        try
        {
            quote = create.invoke();
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException(ex);
        }
        decodeInto(quote, buffer, offset, length);
        return quote;
    }

    @Override
    public void decodeInto(final Object slot, final ByteBuffer buffer, final int offset, final int length)
    {
        if (length < 16)
        {
            throw new CodecException("a Quote needs 16 bytes, got " + length);
        }
        final int n = buffer.getInt(offset + 12);
        if (n < -1 || n > length - 16)
        {
            throw new CodecException("a Quote's symbol of " + n + " bytes in " + length);
        }
        final byte[] bytes = n < 0 ? null : new byte[n];
        if (bytes != null)
        {
            buffer.get(offset + 16, bytes);
        }
        price.set(slot, buffer.getLong(offset));
        stage.set(slot, buffer.getInt(offset + 8));
        symbol.set(slot, bytes == null ? null : new String(bytes, StandardCharsets.UTF_8));
    }
}
