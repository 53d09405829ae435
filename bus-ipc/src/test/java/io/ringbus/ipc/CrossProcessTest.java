package io.ringbus.ipc;

import io.ringbus.api.Await;
import io.ringbus.api.NoResponderException;
import io.ringbus.api.Queue;
import io.ringbus.api.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two (or three) real JVMs on one machine: this one hosts the embedded driver, {@link IpcPeer} children join it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CrossProcessTest
{
    private static final Duration WAIT = Duration.ofSeconds(60);

    private Path base;
    private final List<ChildJvm> children = new ArrayList<>();
    private final List<Long> lostPeers = new CopyOnWriteArrayList<>();
    private AeronBus bus;

    @BeforeEach
    void start()
    {
        base = TestDirs.newBase();
        bus = AeronBus.builder()
            .shareAll()
            .embeddedDriver(base)
            .peerTimeout(Duration.ofMillis(1000))
            .peerListener(new PeerListener()
            {
                @Override
                public void onPeerLost(final long nodeId, final String reason)
                {
                    lostPeers.add(nodeId);
                }
            })
            .build();
    }

    @AfterEach
    void stop()
    {
        children.forEach(ChildJvm::close);
        if (bus != null)
        {
            bus.close();
        }
        TestDirs.delete(base);
    }

    private ChildJvm child(final String mode, final String name, final long arg)
    {
        final ChildJvm c = ChildJvm.start(mode, base.toString(), name, Long.toString(arg));
        children.add(c);
        return c;
    }

    @Test
    void everySubscriberProcessSeesEveryEventInOrder()
    {
        final int count = 20_000;
        final ChildJvm first = child("subscribe", "ticks", count);
        final ChildJvm second = child("subscribe", "ticks", count);
        first.await("READY", WAIT);
        second.await("READY", WAIT);
        Await.until("both children known", WAIT, () -> bus.ipcStats().peers() == 2);
        final Topic<Long> ticks = bus.topic("ticks", Long.class);
        final AtomicLong local = new AtomicLong();
        ticks.subscribe(v -> local.incrementAndGet());
        for (long i = 0; i < count; i++)
        {
            ticks.publish(i);
        }
        assertEquals("DONE " + count + " true", first.await("DONE", WAIT));
        assertEquals("DONE " + count + " true", second.await("DONE", WAIT));
        Await.until("the local subscriber too", WAIT, () -> local.get() == count);
        assertEquals(0, bus.ipcStats().droppedFrames());
    }

    @Test
    void eventsFromAnotherProcessReachLocalSubscribers()
    {
        final Topic<Long> topic = bus.topic("from.child", Long.class);
        final List<Long> seen = new CopyOnWriteArrayList<>();
        topic.subscribe(seen::add);
        final ChildJvm publisher = child("publish", "from.child", 5_000);
        publisher.await("PUBLISHED", WAIT);
        Await.until(() -> "5000 events, have " + seen.size(), WAIT, () -> seen.size() == 5_000);
        for (int i = 0; i < seen.size(); i++)
        {
            assertEquals(i, seen.get(i));
        }
    }

    @Test
    void eachQueueMessageIsHandledOnceAcrossProcesses()
    {
        final ChildJvm worker = child("consume", "jobs", 0);
        worker.await("READY", WAIT);
        Await.until("the child's consumer known", WAIT, () -> bus.remoteConsumers("jobs") == 1);
        final Queue<Integer> jobs = bus.queue("jobs", Integer.class);
        final Set<Integer> here = ConcurrentHashMap.newKeySet();
        final AtomicLong duplicatesHere = new AtomicLong();
        jobs.consume(v ->
        {
            if (!here.add(v))
            {
                duplicatesHere.incrementAndGet();
            }
        });
        final int count = 2_000;
        for (int i = 0; i < count; i++)
        {
            jobs.send(i);
        }
        Await.until(() -> "all handled, here " + here.size() + " there " + worker.count(l -> l.startsWith("HANDLED")),
            WAIT, () -> here.size() + worker.count(l -> l.startsWith("HANDLED")) >= count);
        final Set<Integer> there = new HashSet<>();
        for (final String line : worker.lines())
        {
            if (line.startsWith("HANDLED"))
            {
                assertTrue(there.add(Integer.parseInt(line.substring(8))), "handled twice there: " + line);
            }
        }
        assertEquals(0, duplicatesHere.get());
        assertTrue(there.size() > 0 && here.size() > 0, "both processes took part: " + there.size() + "/" + here.size());
        final Set<Integer> all = new HashSet<>(here);
        for (final Integer v : there)
        {
            assertTrue(all.add(v), "handled in both processes: " + v);
        }
        assertEquals(count, all.size());
        Await.until("every remote delivery acknowledged", WAIT, () -> bus.ipcStats().unacked() == 0);
    }

    @Test
    void requestReplyAcrossProcesses() throws Exception
    {
        final ChildJvm responder = child("respond", "double", 0);
        responder.await("READY", WAIT);
        Await.until("the child's responder known", WAIT, () -> bus.remoteResponders("double") == 1);
        for (int i = 0; i < 200; i++)
        {
            assertEquals(2 * i, bus.request("double", i, Integer.class, Duration.ofSeconds(10)).get(30, TimeUnit.SECONDS));
        }
        final ExecutionException none = assertThrows(ExecutionException.class,
            () -> bus.request("nobody.here", 1, Integer.class, Duration.ofSeconds(10)).get(30, TimeUnit.SECONDS));
        assertInstanceOf(NoResponderException.class, none.getCause());
        responder.kill();
        Await.until("the responder's loss noticed", WAIT, () -> !lostPeers.isEmpty());
        final ExecutionException gone = assertThrows(ExecutionException.class,
            () -> bus.request("double", 1, Integer.class, Duration.ofSeconds(10)).get(30, TimeUnit.SECONDS));
        assertInstanceOf(NoResponderException.class, gone.getCause());
        assertEquals(0, bus.ipcStats().droppedFrames());
    }

    @Test
    void silentRemoteResponderTimesOutAndFailingOneIsReported() throws Exception
    {
        final ChildJvm silent = child("respond", "silent", 1);
        final ChildJvm failing = child("respond", "failing", 2);
        silent.await("READY", WAIT);
        failing.await("READY", WAIT);
        Await.until("both responders known", WAIT,
            () -> bus.remoteResponders("silent") == 1 && bus.remoteResponders("failing") == 1);
        final CompletableFuture<Integer> slow = bus.request("silent", 1, Integer.class, Duration.ofMillis(300));
        final ExecutionException timedOut = assertThrows(ExecutionException.class, () -> slow.get(30, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, timedOut.getCause());
        final ExecutionException failed = assertThrows(ExecutionException.class,
            () -> bus.request("failing", 7, Integer.class, Duration.ofSeconds(10)).get(30, TimeUnit.SECONDS));
        assertInstanceOf(RemoteResponderException.class, failed.getCause());
        assertTrue(failed.getCause().getMessage().contains("refused 7"), failed.getCause().getMessage());
    }

    @Test
    void subscriberKilledMidStreamIsReportedAndThePublisherGoesOn()
    {
        final ChildJvm victim = child("subscribe", "stream", Long.MAX_VALUE);
        victim.await("READY", WAIT);
        Await.until("the child known", WAIT, () -> bus.ipcStats().peers() == 1);
        final Topic<Long> stream = bus.topic("stream", Long.class);
        long i = 0;
        for (; i < 5_000; i++)
        {
            stream.publish(i);
        }
        victim.await("GOT 1000", WAIT);
        victim.kill();
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (lostPeers.isEmpty() && System.nanoTime() - deadline < 0)
        {
            stream.publish(i++); // keeps publishing while the subscriber is gone
        }
        assertEquals(1, lostPeers.size(), "the peer listener was told");
        assertEquals(1, bus.ipcStats().peersLost());
        for (long j = 0; j < 50_000; j++)
        {
            stream.publish(i++); // the dead subscriber no longer holds the stream back
        }
        assertEquals(0, bus.ipcStats().peers());
    }

    @Test
    void publisherKilledMidWriteLeavesOtherPublishersAndSubscribersWorking()
    {
        final ChildJvm flooder = child("publish", "flood", -1);
        final ChildJvm listener = child("subscribe", "steady", 10_000);
        final AtomicLong flooded = new AtomicLong();
        bus.topic("flood", Long.class).subscribe(v -> flooded.incrementAndGet());
        flooder.await("READY", WAIT);
        listener.await("READY", WAIT);
        Await.until("flood arriving", WAIT, () -> flooded.get() > 10_000);
        flooder.kill(); // almost certainly inside an offer
        Await.until("the flooder's loss noticed", WAIT, () -> !lostPeers.isEmpty());
        final Topic<Long> steady = bus.topic("steady", Long.class);
        for (long i = 0; i < 10_000; i++)
        {
            steady.publish(i);
        }
        assertEquals("DONE 10000 true", listener.await("DONE", WAIT));
        assertTrue(listener.isAlive());
        assertEquals(0, bus.ipcStats().droppedFrames());
    }

    @Test
    void queueMessagesHeldByAKilledConsumerProcessAreRedeliveredToASurvivor()
    {
        final ChildJvm slow = child("consume", "work", 20);
        slow.await("READY", WAIT);
        Await.until("the child's consumer known", WAIT, () -> bus.remoteConsumers("work") == 1);
        final Queue<Integer> work = bus.queue("work", Integer.class);
        final int count = 300;
        for (int i = 0; i < count; i++)
        {
            work.send(i);
        }
        slow.await("HANDLED 10", WAIT);
        slow.kill();
        Await.until("the consumer's loss noticed", WAIT, () -> !lostPeers.isEmpty());
        final Set<Integer> here = ConcurrentHashMap.newKeySet();
        work.consume(here::add);
        final Set<Integer> there = new HashSet<>();
        for (final String line : slow.lines())
        {
            if (line.startsWith("HANDLED"))
            {
                there.add(Integer.parseInt(line.substring(8)));
            }
        }
        Await.until(() -> "every message handled somewhere, here " + here.size() + " there " + there.size(), WAIT,
            () ->
            {
                final Set<Integer> all = new HashSet<>(here);
                all.addAll(there);
                return all.size() == count;
            });
        assertTrue(bus.ipcStats().redelivered() >= count - there.size(),
            "redelivered " + bus.ipcStats().redelivered() + ", handled there " + there.size());
        assertEquals(0, bus.ipcStats().unacked());
    }
}
