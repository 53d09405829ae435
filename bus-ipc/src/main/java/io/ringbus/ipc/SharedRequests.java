package io.ringbus.ipc;

import io.ringbus.api.BackpressureException;
import io.ringbus.api.BusClosedException;
import io.ringbus.api.NoResponderException;
import io.ringbus.api.Registration;
import io.ringbus.api.Responder;
import io.ringbus.api.codec.Codec;
import io.ringbus.api.codec.Codecs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.ringbus.ipc.FrameDescriptor.KIND_REPLY;
import static io.ringbus.ipc.FrameDescriptor.KIND_REQUEST;
import static io.ringbus.ipc.FrameDescriptor.REPLY_FAILED;
import static io.ringbus.ipc.FrameDescriptor.REPLY_NO_RESPONDER;
import static io.ringbus.ipc.FrameDescriptor.REPLY_OK;
import static io.ringbus.ipc.FrameDescriptor.REPLY_UNENCODABLE;

/**
 * Request/reply across processes: responders on shared addresses, requests correlated with their replies, and
 * the replies this process sends to other processes' requests. The bus answers names that are not shared itself.
 * <p>
 * <b>Note:</b> thread-safe.
 */
final class SharedRequests
{
    private final AeronBus bus;

    SharedRequests(final AeronBus bus)
    {
        this.bus = bus;
    }

    <Q, R> Registration respond(
        final String address, final Class<Q> requestType, final Responder<Q, R> responder)
    {
        AeronBus.validateName(address, "address");
        if (!bus.isShared(address))
        {
            return bus.inner.respond(address, requestType, responder);
        }
        final SharedAddress a = sharedAddress(address, requestType);
        final Registration local = bus.inner.respond(address, requestType, responder);
        a.localResponders.incrementAndGet();
        bus.sender.announce(a.id, a.localResponders.get());
        final AtomicInteger once = new AtomicInteger();
        return () ->
        {
            if (once.getAndIncrement() == 0)
            {
                local.close();
                bus.sender.announce(a.id, a.localResponders.decrementAndGet());
            }
        };
    }

    private SharedAddress sharedAddress(final String address, final Class<?> requestType)
    {
        Objects.requireNonNull(requestType, "requestType");
        final SharedAddress existing = bus.addresses.get(address);
        if (existing != null)
        {
            if (existing.requestType != null && requestType != Object.class && existing.requestType.type() != requestType)
            {
                throw new IllegalArgumentException("address '" + address + "' is answered for requests of " +
                    existing.requestType.type().getName() + ", not " + requestType.getName());
            }
            return existing;
        }
        synchronized (bus.registryLock)
        {
            bus.ensureOpen(address);
            final SharedAddress again = bus.addresses.get(address);
            if (again != null)
            {
                return sharedAddress(address, requestType);
            }
            final int id = FrameDescriptor.destinationId("@" + address);
            final SharedAddress a = new SharedAddress(address, id, bus.types.register(requestType), bus.members(id));
            bus.declare("@" + address, a);
            bus.addresses.put(address, a);
            final List<SharedAddress> all = new ArrayList<>(List.of(bus.addressArray));
            all.add(a);
            bus.addressArray = all.toArray(new SharedAddress[0]);
            return a;
        }
    }

    @SuppressWarnings("unchecked")
    <Q, R> CompletableFuture<R> request(
        final String address, final Q request, final Class<R> replyType, final Duration timeout)
    {
        AeronBus.validateName(address, "address");
        if (!bus.isShared(address))
        {
            return bus.inner.request(address, request, replyType, timeout);
        }
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(replyType, "replyType");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero())
        {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (bus.closing)
        {
            return CompletableFuture.failedFuture(new BusClosedException("bus is closed: request to '" + address + "'"));
        }
        final SharedAddress a = bus.addresses.get(address);
        if (a != null && a.localResponders.get() > 0)
        {
            return bus.inner.request(address, request, replyType, timeout);
        }
        final Members members = a != null ? a.members : bus.directory.get(FrameDescriptor.destinationId("@" + address));
        final long[] nodes = members == null ? null : members.nodes;
        if (nodes == null || nodes.length == 0)
        {
            return CompletableFuture.failedFuture(new NoResponderException(address));
        }
        if (a != null && a.requestType != null && !a.requestType.type().isInstance(request))
        {
            throw new IllegalArgumentException("request of " + request.getClass().getName() + " sent to address '" +
                address + "', whose responders take " + a.requestType.type().getName());
        }
        final TypeEntry entry = bus.types.register(request.getClass());
        if (bus.types.hasCodec(replyType))
        {
            bus.types.register(replyType); // so that the reply's type id is known here when it comes back
        }
        final long target = nodes[(int)Math.floorMod(bus.nextCorrelation.get(), (long)nodes.length)];
        final long correlation = bus.nextCorrelation.incrementAndGet();
        final CompletableFuture<Object> reply = new CompletableFuture<>();
        final Scratch s = bus.scratch.get();
        final int length = bus.sender.encode(s, KIND_REQUEST, FrameDescriptor.destinationId("@" + address), entry.id(),
            (int)Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())), target, correlation, entry.codec(), request);
        bus.pending.put(correlation, new PendingReply(reply, replyType, address, target));
        reply.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
            .whenComplete((r, ex) -> bus.pending.remove(correlation));
        // close and lose() complete what they find in pending: one that ran before our put would leave this
        // request to time out, so look again now that it is in.
        if (bus.closing)
        {
            reply.completeExceptionally(new BusClosedException("bus is closed: request to '" + address + "'"));
            return (CompletableFuture<R>)reply;
        }
        if (!members.contains(target))
        {
            reply.completeExceptionally(new NoResponderException(address));
            return (CompletableFuture<R>)reply;
        }
        if (!bus.sender.offerWithin(s, length, AeronBus.CONTROL_BUDGET_NS))
        {
            reply.completeExceptionally(new BackpressureException(
                "request to '" + address + "' could not be written to the Aeron stream: " + FrameSender.lastRefusal(s)));
        }
        return (CompletableFuture<R>)reply;
    }

    // ---------------------------------------------------------------- answering other processes

    void answered(final long requester, final int destination, final long correlation,
        final Object value, final Throwable failure)
    {
        Throwable ex = failure;
        while (ex instanceof CompletionException && ex.getCause() != null)
        {
            ex = ex.getCause();
        }
        if (ex == null)
        {
            sendReply(requester, destination, correlation, REPLY_OK, value, null);
        }
        else if (ex instanceof NoResponderException)
        {
            sendReply(requester, destination, correlation, REPLY_NO_RESPONDER, null, null);
        }
        else if (!(ex instanceof java.util.concurrent.TimeoutException))
        {
            // a timeout here means the requester times out too: nothing to say
            sendReply(requester, destination, correlation, REPLY_FAILED, null, Receiver.describe(ex));
        }
    }

    void sendReply(final long target, final int destination, final long correlation, final int status,
        final Object value, final String text)
    {
        final Scratch s = bus.scratch.get();
        int length;
        try
        {
            if (status == REPLY_OK)
            {
                final TypeEntry entry = bus.types.register(value.getClass());
                length = bus.sender.encode(s, KIND_REPLY, destination, entry.id(), REPLY_OK, target, correlation,
                    entry.codec(), value);
            }
            else
            {
                length = text(s, destination, status, target, correlation, text);
            }
        }
        catch (final RuntimeException ex)
        {
            length = text(s, destination, REPLY_UNENCODABLE, target, correlation,
                "the reply could not be encoded: " + Receiver.describe(ex));
        }
        bus.sender.offerWithin(s, length, Thread.currentThread() == bus.receiverRunner.thread() ? 0 : AeronBus.CONTROL_BUDGET_NS);
    }

    @SuppressWarnings("unchecked")
    private int text(final Scratch s, final int destination, final int status, final long target,
        final long correlation, final String text)
    {
        final String bounded = text == null ? "" : text.length() > Receiver.MAX_TEXT ? text.substring(0, Receiver.MAX_TEXT) : text;
        return bus.sender.encode(s, KIND_REPLY, destination, FrameDescriptor.typeId(String.class), status, target, correlation,
            (Codec<Object>)(Codec<?>)Codecs.of(String.class), bounded);
    }
}
