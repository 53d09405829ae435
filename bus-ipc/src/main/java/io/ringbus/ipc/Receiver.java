package io.ringbus.ipc;

import io.ringbus.api.BusClosedException;
import io.ringbus.api.NoResponderException;
import io.ringbus.api.Topic;
import io.ringbus.api.Translator;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2ObjectHashMap;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.ringbus.ipc.FrameDescriptor.AUX_OFFSET;
import static io.ringbus.ipc.FrameDescriptor.CORRELATION_OFFSET;
import static io.ringbus.ipc.FrameDescriptor.DESTINATION_OFFSET;
import static io.ringbus.ipc.FrameDescriptor.FLAGS_OFFSET;
import static io.ringbus.ipc.FrameDescriptor.HEADER_LENGTH;
import static io.ringbus.ipc.FrameDescriptor.KIND_ACK;
import static io.ringbus.ipc.FrameDescriptor.KIND_ANNOUNCE;
import static io.ringbus.ipc.FrameDescriptor.KIND_BYE;
import static io.ringbus.ipc.FrameDescriptor.KIND_HELLO;
import static io.ringbus.ipc.FrameDescriptor.KIND_OFFSET;
import static io.ringbus.ipc.FrameDescriptor.KIND_QUEUE;
import static io.ringbus.ipc.FrameDescriptor.KIND_REJECT;
import static io.ringbus.ipc.FrameDescriptor.KIND_REPLY;
import static io.ringbus.ipc.FrameDescriptor.KIND_REQUEST;
import static io.ringbus.ipc.FrameDescriptor.KIND_TOPIC;
import static io.ringbus.ipc.FrameDescriptor.REPLY_FAILED;
import static io.ringbus.ipc.FrameDescriptor.REPLY_NO_RESPONDER;
import static io.ringbus.ipc.FrameDescriptor.REPLY_OK;
import static io.ringbus.ipc.FrameDescriptor.REPLY_UNENCODABLE;
import static io.ringbus.ipc.FrameDescriptor.SENDER_OFFSET;
import static io.ringbus.ipc.FrameDescriptor.TARGET_OFFSET;
import static io.ringbus.ipc.FrameDescriptor.TYPE_OFFSET;
import static io.ringbus.ipc.FrameDescriptor.VERSION;
import static io.ringbus.ipc.FrameDescriptor.VERSION_OFFSET;

/**
 * The receiver thread: polls the stream, keeps the peer table, sends heartbeats and announcements, flushes
 * parked queue messages, and reroutes what lost peers held.
 */
final class Receiver implements org.agrona.concurrent.Agent,
    io.aeron.logbuffer.ControlledFragmentHandler
{
    private static final Translator<Object, Receiver> DECODE_INTO_SLOT = (slot, r) -> r.decodeIntoSlot(slot);
    private static final int POLL_LIMIT = 64;
    static final int MAX_TEXT = 1000;
    private static final java.lang.invoke.VarHandle DISPATCHING;

    static
    {
        try
        {
            DISPATCHING = java.lang.invoke.MethodHandles.lookup().findVarHandle(Receiver.class, "dispatching", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final AeronBus bus;
    final io.aeron.ControlledFragmentAssembler assembler = new io.aeron.ControlledFragmentAssembler(this);
    final ByteBuffer rx;
    final Long2ObjectHashMap<Peer> peers = new Long2ObjectHashMap<>();
    final Int2ObjectHashMap<Peer> sessions = new Int2ObjectHashMap<>();
    final int ownSession;
    final long heartbeatNs;
    final long peerTimeoutNs;
    long nextHeartbeat;
    volatile int peerCount;
    SharedTopic<?> slotTopic;
    int slotPayload;
    long dispatching; // odd while receiver-dispatched handlers run (see dispatchDirect)
    long cycleStart;

    final SingleWriterCounter framesReceived = new SingleWriterCounter();
    final SingleWriterCounter truncated = new SingleWriterCounter();
    final SingleWriterCounter foreign = new SingleWriterCounter();
    final SingleWriterCounter unknownKind = new SingleWriterCounter();
    final SingleWriterCounter unknownType = new SingleWriterCounter();
    final SingleWriterCounter malformed = new SingleWriterCounter();
    final SingleWriterCounter oversize = new SingleWriterCounter();
    final SingleWriterCounter unknownDestination = new SingleWriterCounter();
    final SingleWriterCounter joined = new SingleWriterCounter();
    final SingleWriterCounter lost = new SingleWriterCounter();
    final SingleWriterCounter lateReplies = new SingleWriterCounter();

    Receiver(final AeronBus bus)
    {
        this.bus = bus;
        this.rx = ByteBuffer.allocateDirect(bus.maxFrameLength).order(ByteOrder.LITTLE_ENDIAN);
        this.ownSession = bus.publication.sessionId();
        this.heartbeatNs = TimeUnit.MILLISECONDS.toNanos(Math.max(20, bus.config.driverSettings.peerTimeoutMs() / 5));
        this.peerTimeoutNs = TimeUnit.MILLISECONDS.toNanos(bus.config.driverSettings.peerTimeoutMs());
    }

    @Override
    public String roleName()
    {
        return "ringbus-ipc-" + Long.toHexString(bus.nodeId); // Agrona names the thread after the role
    }

    @Override
    public int doWork()
    {
        cycleStart = System.nanoTime(); // a peer's last-seen time needs no finer grain than one duty cycle
        int work = bus.subscription.controlledPoll(assembler, POLL_LIMIT);
        final long now = System.nanoTime();
        if (now - nextHeartbeat >= 0)
        {
            nextHeartbeat = now + heartbeatNs;
            heartbeat(now);
            work++;
        }
        for (Integer session = bus.lostSessions.poll(); session != null; session = bus.lostSessions.poll())
        {
            final Peer peer = sessions.get(session.intValue());
            if (peer != null)
            {
                lose(peer.nodeId, "its Aeron image went away (process gone or publication closed)");
            }
            work++;
        }
        if (bus.parkedTotal.get() > 0)
        {
            work += flushParked();
        }
        return work;
    }

    private void heartbeat(final long now)
    {
        if (bus.aeron.isClosed())
        {
            bus.driverLost = true;
            return;
        }
        final Scratch s = bus.scratch.get();
        bus.sender.offerWithin(s, bus.sender.encode(s, KIND_HELLO, 0, 0, 0, 0, 0, null, null), 0);
        announceAll(s);
        List<Long> silent = null;
        for (final Peer p : peers.values())
        {
            if (now - p.lastSeen > peerTimeoutNs)
            {
                silent = silent == null ? new ArrayList<>() : silent;
                silent.add(p.nodeId);
            }
        }
        if (silent != null)
        {
            for (final Long node : silent)
            {
                lose(node, "silent for more than " + bus.config.driverSettings.peerTimeoutMs() + " ms");
            }
        }
    }

    private void announceAll(final Scratch s)
    {
        if (bus.closing)
        {
            return;
        }
        for (final SharedQueue<?> q : bus.queueArray)
        {
            final int n = q.localConsumers.get();
            if (n > 0)
            {
                bus.sender.offerWithin(s, bus.sender.encode(s, KIND_ANNOUNCE, q.id, 0, n, 0, 0, null, null), 0);
            }
        }
        for (final SharedAddress a : bus.addressArray)
        {
            final int n = a.localResponders.get();
            if (n > 0)
            {
                bus.sender.offerWithin(s, bus.sender.encode(s, KIND_ANNOUNCE, a.id, 0, n, 0, 0, null, null), 0);
            }
        }
    }

    private int flushParked()
    {
        int moved = 0;
        for (final SharedQueue<?> q : bus.queueArray)
        {
            while (q.parkedCount.get() > 0)
            {
                final Object m = q.parked.peek();
                if (m == null || !bus.router.tryRoute(q, m))
                {
                    break;
                }
                q.parked.poll();
                q.parkedCount.decrementAndGet();
                bus.parkedTotal.decrementAndGet();
                moved++;
            }
        }
        return moved;
    }

    @Override
    public Action onFragment(
        final org.agrona.DirectBuffer buffer, final int offset, final int length, final io.aeron.logbuffer.Header header)
    {
        if (length < HEADER_LENGTH)
        {
            truncated.increment();
            return Action.CONTINUE;
        }
        if (length > bus.maxFrameLength)
        {
            oversize.increment();
            return Action.CONTINUE;
        }
        final ByteOrder le = ByteOrder.LITTLE_ENDIAN;
        if (buffer.getByte(offset + VERSION_OFFSET) != VERSION || buffer.getShort(offset + FLAGS_OFFSET, le) != 0)
        {
            foreign.increment();
            return Action.CONTINUE;
        }
        final byte kind = buffer.getByte(offset + KIND_OFFSET);
        if (!FrameDescriptor.isKnownKind(kind))
        {
            unknownKind.increment();
            return Action.CONTINUE;
        }
        final int session = header.sessionId();
        if (session == ownSession)
        {
            // our own frames, read back on aeron:ipc: only receiver-dispatched topics still need them
            if (kind == KIND_TOPIC && bus.config.receiverDispatch)
            {
                final int payload = length - HEADER_LENGTH;
                buffer.getBytes(offset + HEADER_LENGTH, rx, 0, payload);
                onTopic(buffer.getInt(offset + DESTINATION_OFFSET, le), buffer.getInt(offset + TYPE_OFFSET, le),
                    payload, true);
            }
            return Action.CONTINUE;
        }
        final long sender = buffer.getLong(offset + SENDER_OFFSET, le);
        if (!touch(sender, session))
        {
            foreign.increment();
            return Action.CONTINUE;
        }
        final long target = buffer.getLong(offset + TARGET_OFFSET, le);
        if (target != 0 && target != bus.nodeId)
        {
            return Action.CONTINUE;
        }
        final int destination = buffer.getInt(offset + DESTINATION_OFFSET, le);
        final int typeId = buffer.getInt(offset + TYPE_OFFSET, le);
        final int aux = buffer.getInt(offset + AUX_OFFSET, le);
        final long correlation = buffer.getLong(offset + CORRELATION_OFFSET, le);
        final int payload = length - HEADER_LENGTH;
        if (payload > 0)
        {
            buffer.getBytes(offset + HEADER_LENGTH, rx, 0, payload);
        }
        final Action action = switch (kind)
        {
            case KIND_TOPIC -> onTopic(destination, typeId, payload, false);
            case KIND_QUEUE -> onQueue(sender, destination, typeId, payload, correlation);
            case KIND_ACK -> onAck(correlation);
            case KIND_REJECT -> onReject(sender, destination, correlation);
            case KIND_REQUEST -> onRequest(sender, destination, typeId, aux, payload, correlation);
            case KIND_REPLY -> onReply(typeId, aux, payload, correlation);
            case KIND_ANNOUNCE -> onAnnounce(sender, destination, aux);
            case KIND_BYE -> onBye(sender);
            default -> Action.CONTINUE; // HELLO: touch() was all it needed
        };
        if (action != Action.ABORT)
        {
            framesReceived.increment();
        }
        return action;
    }

    private Object decode(final int typeId, final int payload, final Class<?> expected)
    {
        final TypeEntry entry = bus.types.typesById.get(typeId);
        if (entry == null)
        {
            unknownType.increment();
            return null;
        }
        if (expected != null && !expected.isAssignableFrom(entry.type()))
        {
            malformed.increment();
            return null;
        }
        try
        {
            final Object value = entry.codec().decode(rx, 0, payload);
            if (value == null)
            {
                malformed.increment();
            }
            return value;
        }
        catch (final RuntimeException ex)
        {
            // CodecException for bad bytes; anything else a codec throws on foreign input counts the same
            malformed.increment();
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private Action onTopic(final int destination, final int typeId, final int payload, final boolean own)
    {
        final Object d = bus.destinationsById.get(destination);
        if (!(d instanceof SharedTopic<?> topic))
        {
            unknownDestination.increment();
            return Action.CONTINUE;
        }
        if (topic.direct)
        {
            dispatchDirect(topic, typeId, payload);
            return Action.CONTINUE;
        }
        if (own)
        {
            return Action.CONTINUE; // delivered through the local ring when it was published
        }
        if (topic.decodesIntoSlots && typeId == topic.entry.id())
        {
            slotTopic = topic;
            slotPayload = payload;
            try
            {
                return ((Topic<Object>)topic.local).tryPublish(DECODE_INTO_SLOT, this) ? Action.CONTINUE :
                    Action.ABORT;
            }
            catch (final BusClosedException ex)
            {
                return Action.CONTINUE;
            }
            catch (final RuntimeException ex)
            {
                // the codec refused the bytes inside the claim: the engine skips the slot
                malformed.increment();
                return Action.CONTINUE;
            }
            finally
            {
                slotTopic = null;
            }
        }
        final Object value = decode(typeId, payload, topic.type);
        if (value == null)
        {
            return Action.CONTINUE;
        }
        try
        {
            return ((Topic<Object>)topic.local).tryPublish(value) ? Action.CONTINUE : Action.ABORT;
        }
        catch (final BusClosedException ex)
        {
            return Action.CONTINUE;
        }
    }

    /**
     * Receiver dispatch: decode (into the topic's receiving slot when it has a SlotCodec) and call the
     * topic's handlers here. The sequence is odd while handlers run, so that closing a subscription can wait
     * for a call under way.
     */
    private void dispatchDirect(final SharedTopic<?> topic, final int typeId, final int payload)
    {
        final Object event;
        if (topic.decodesIntoSlots && typeId == topic.entry.id())
        {
            event = topic.receivingSlot();
            try
            {
                ((SlotCodec<Object>)(SlotCodec<?>)topic.entry.codec()).decodeInto(event, rx, 0, payload);
            }
            catch (final RuntimeException ex)
            {
                malformed.increment();
                return;
            }
        }
        else
        {
            event = decode(typeId, payload, topic.type);
            if (event == null)
            {
                return;
            }
        }
        DISPATCHING.setVolatile(this, dispatching + 1);
        try
        {
            topic.dispatch(event);
        }
        finally
        {
            DISPATCHING.setVolatile(this, dispatching + 1);
        }
    }

    /**
     * Wait until a handler call that may have started before the caller's change has finished.
     */
    void awaitDispatch()
    {
        if (Thread.currentThread() == bus.receiverRunner.thread())
        {
            return; // closing from inside a handler: nothing else runs on this thread
        }
        final long seen = (long)DISPATCHING.getVolatile(this);
        for (int attempt = 0; (seen & 1) != 0 && (long)DISPATCHING.getVolatile(this) == seen &&
            !bus.receiverRunner.isClosed(); attempt++)
        {
            FrameSender.pause(attempt);
        }
    }

    @SuppressWarnings("unchecked")
    private void decodeIntoSlot(final Object slot)
    {
        ((SlotCodec<Object>)slotTopic.entry.codec()).decodeInto(slot, rx, 0, slotPayload);
    }

    private Action onQueue(
        final long sender, final int destination, final int typeId, final int payload, final long delivery)
    {
        final Object d = bus.destinationsById.get(destination);
        if (!(d instanceof SharedQueue<?> q) || q.localConsumers.get() == 0 || bus.closing)
        {
            if (!(d instanceof SharedQueue<?>))
            {
                unknownDestination.increment();
            }
            reply(KIND_REJECT, destination, sender, delivery);
            return Action.CONTINUE;
        }
        final Object value = decode(typeId, payload, q.type);
        if (value == null)
        {
            // undecodable here means undecodable anywhere: acknowledged so that it is not bounced forever
            reply(KIND_ACK, destination, sender, delivery);
            return Action.CONTINUE;
        }
        try
        {
            return q.local.trySend(new Delivery(value, sender, delivery)) ? Action.CONTINUE : Action.ABORT;
        }
        catch (final BusClosedException ex)
        {
            reply(KIND_REJECT, destination, sender, delivery);
            return Action.CONTINUE;
        }
    }

    private void reply(final byte kind, final int destination, final long target, final long correlation)
    {
        final Scratch s = bus.scratch.get();
        bus.sender.offerWithin(s, bus.sender.encode(s, kind, destination, 0, 0, target, correlation, null, null), 0);
    }

    private Action onAck(final long delivery)
    {
        bus.unacked.remove(delivery);
        return Action.CONTINUE;
    }

    private Action onReject(final long sender, final int destination, final long delivery)
    {
        final Members m = bus.directory.get(destination);
        if (m != null)
        {
            m.remove(sender);
        }
        final Unacked u = bus.unacked.remove(delivery);
        if (u != null)
        {
            reroute(u);
        }
        return Action.CONTINUE;
    }

    private void reroute(final Unacked u)
    {
        bus.redelivered.increment();
        if (!bus.router.tryRoute(u.queue(), u.message()))
        {
            bus.router.park(u.queue(), u.message());
        }
    }

    private Action onRequest(final long sender, final int destination, final int typeId, final int timeoutMs,
        final int payload, final long correlation)
    {
        final Object d = bus.destinationsById.get(destination);
        if (!(d instanceof SharedAddress a) || a.localResponders.get() == 0 || bus.closing)
        {
            bus.requests.sendReply(sender, destination, correlation, REPLY_NO_RESPONDER, null, null);
            return Action.CONTINUE;
        }
        final Object request = decode(typeId, payload, null);
        if (request == null)
        {
            bus.requests.sendReply(sender, destination, correlation, REPLY_UNENCODABLE, null,
                "the request could not be decoded by the responder's process");
            return Action.CONTINUE;
        }
        final CompletableFuture<Object> answer;
        try
        {
            answer = bus.inner.request(a.name, request, Object.class, Duration.ofMillis(Math.max(1, timeoutMs)));
        }
        catch (final RuntimeException ex)
        {
            bus.requests.sendReply(sender, destination, correlation, REPLY_FAILED, null, describe(ex));
            return Action.CONTINUE;
        }
        answer.whenComplete((value, ex) -> bus.requests.answered(sender, destination, correlation, value, ex));
        return Action.CONTINUE;
    }

    private Action onReply(final int typeId, final int status, final int payload, final long correlation)
    {
        final PendingReply p = bus.pending.remove(correlation);
        if (p == null)
        {
            lateReplies.increment();
            return Action.CONTINUE;
        }
        switch (status)
        {
            case REPLY_OK ->
            {
                final Object value = decode(typeId, payload, null);
                if (value == null)
                {
                    p.future().completeExceptionally(new RemoteResponderException(p.address(),
                        "the reply's bytes could not be decoded here (type id " + typeId + ")"));
                }
                else if (!p.replyType().isInstance(value))
                {
                    p.future().completeExceptionally(new ClassCastException("the responder at '" + p.address() +
                        "' replied with " + value.getClass().getName() + " where the request asked for " +
                        p.replyType().getName()));
                }
                else
                {
                    p.future().complete(value);
                }
            }
            case REPLY_NO_RESPONDER -> p.future().completeExceptionally(new NoResponderException(p.address()));
            default -> p.future().completeExceptionally(new RemoteResponderException(p.address(),
                payload > 0 ? StandardCharsets.UTF_8.decode(rx.duplicate().limit(payload).position(0)).toString() :
                "status " + status));
        }
        return Action.CONTINUE;
    }

    private Action onAnnounce(final long sender, final int destination, final int count)
    {
        final Peer p = peers.get(sender);
        final Members m = bus.members(destination);
        if (count > 0)
        {
            m.add(sender);
            if (p != null)
            {
                p.announced.add(destination);
            }
        }
        else
        {
            m.remove(sender);
            if (p != null)
            {
                p.announced.remove(destination);
            }
        }
        return Action.CONTINUE;
    }

    private Action onBye(final long sender)
    {
        lose(sender, "it closed");
        return Action.CONTINUE;
    }

    /**
     * A node is bound to the Aeron session (its exclusive publication) it was first seen on: a frame naming
     * another node on that session, or a known node (or this one) on another session, is a forgery or
     * garbage and must neither create peers nor reach destinations.
     *
     * @return {@code false} if the frame's sender does not belong to its session.
     */
    private boolean touch(final long node, final int sessionId)
    {
        final Peer known = sessions.get(sessionId);
        if (known != null)
        {
            if (known.nodeId != node)
            {
                return false;
            }
            known.lastSeen = cycleStart;
            return true;
        }
        if (node == bus.nodeId || node == 0 || peers.containsKey(node))
        {
            return false;
        }
        final Peer p = new Peer(node, sessionId);
        peers.put(node, p);
        sessions.put(sessionId, p);
        peerCount = peers.size();
        joined.increment();
        // Let the newcomer learn this node's consumers and responders now rather than at the next heartbeat.
        final Scratch s = bus.scratch.get();
        bus.sender.offerWithin(s, bus.sender.encode(s, KIND_HELLO, 0, 0, 0, 0, 0, null, null), 0);
        announceAll(s);
        try
        {
            bus.config.peerListener.onPeerJoined(node);
        }
        catch (final Throwable ex)
        {
            bus.report(ex, "peer-listener");
        }
        return true;
    }

    private void lose(final long node, final String reason)
    {
        final Peer p = peers.remove(node);
        if (p == null)
        {
            return;
        }
        sessions.remove(p.sessionId);
        peerCount = peers.size();
        lost.increment();
        for (final Integer destination : p.announced)
        {
            final Members m = bus.directory.get(destination);
            if (m != null)
            {
                m.remove(node);
            }
        }
        final List<Unacked> orphans = new ArrayList<>();
        bus.unacked.entrySet().removeIf(e ->
        {
            if (e.getValue().target() == node)
            {
                orphans.add(e.getValue());
                return true;
            }
            return false;
        });
        orphans.forEach(this::reroute);
        for (final PendingReply r : bus.pending.values())
        {
            if (r.target() == node)
            {
                r.future().completeExceptionally(new NoResponderException(r.address()));
            }
        }
        try
        {
            bus.config.peerListener.onPeerLost(node, reason);
        }
        catch (final Throwable ex)
        {
            bus.report(ex, "peer-listener");
        }
    }

    static String describe(final Throwable ex)
    {
        final String text = ex.getClass().getName() + ": " + ex.getMessage();
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    }

    private static final class Peer
    {
        final long nodeId;
        final int sessionId;
        final Set<Integer> announced = new LinkedHashSet<>();
        long lastSeen = System.nanoTime();

        Peer(final long nodeId, final int sessionId)
        {
            this.nodeId = nodeId;
            this.sessionId = sessionId;
        }
    }
}
