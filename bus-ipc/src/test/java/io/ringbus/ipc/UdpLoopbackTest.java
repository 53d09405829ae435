package io.ringbus.ipc;

import io.ringbus.api.Await;
import io.ringbus.api.Queue;
import io.ringbus.api.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same destinations over {@code aeron:udp} on the loopback interface: two buses, each with its own media
 * driver (as on two machines), each subscribing on its own endpoint and publishing to the other's.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UdpLoopbackTest
{
    record Order(String id, long quantity)
    {
    }

    private final Path baseA = TestDirs.newBase();
    private final Path baseB = TestDirs.newBase();
    private final List<AeronBus> buses = new ArrayList<>();

    @AfterEach
    void stop()
    {
        buses.forEach(AeronBus::close);
        TestDirs.delete(baseA);
        TestDirs.delete(baseB);
    }

    private static int freeUdpPort()
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private AeronBus bus(final Path base, final int publishPort, final int subscribePort)
    {
        final AeronBus bus = AeronBus.builder()
            .shareAll()
            .embeddedDriver(base)
            .channels("aeron:udp?endpoint=127.0.0.1:" + publishPort, "aeron:udp?endpoint=127.0.0.1:" + subscribePort)
            .peerTimeout(Duration.ofMillis(1000))
            .build();
        buses.add(bus);
        return bus;
    }

    @Test
    void publishingWithNoConnectedSubscriberFollowsTheBackpressurePolicy()
    {
        final int nobody = freeUdpPort();
        final AeronBus alone = AeronBus.builder()
            .shareAll()
            .embeddedDriver(baseA)
            .channels("aeron:udp?endpoint=127.0.0.1:" + nobody, "aeron:udp?endpoint=127.0.0.1:" + freeUdpPort())
            .backpressure(io.ringbus.api.BackpressurePolicy.FAIL)
            .build();
        buses.add(alone);
        final Topic<Long> topic = alone.topic("lonely", Long.class);
        final List<Long> local = new CopyOnWriteArrayList<>();
        topic.subscribe(local::add);
        assertEquals(OfferResult.NOT_CONNECTED, alone.offer(topic, 1L));
        assertEquals(false, topic.tryPublish(2L));
        org.junit.jupiter.api.Assertions.assertThrows(io.ringbus.api.BackpressureException.class,
            () -> topic.publish(3L));
        Await.until("local subscribers still got all three", () -> local.size() == 3);
        assertEquals(false, alone.isConnected());
        org.junit.jupiter.api.Assertions.assertTrue(alone.ipcStats().notConnected() >= 3);
    }

    @Test
    void topicsQueuesAndRequestsCrossUdpLoopback() throws Exception
    {
        final int portA = freeUdpPort();
        final int portB = freeUdpPort();
        final AeronBus a = bus(baseA, portB, portA);
        final AeronBus b = bus(baseB, portA, portB);

        final List<Order> atB = new CopyOnWriteArrayList<>();
        b.topic("orders", Order.class).subscribe(atB::add);
        final Set<Integer> handledAtB = ConcurrentHashMap.newKeySet();
        b.queue("jobs", Integer.class).consume(handledAtB::add);
        b.respond("square", Long.class, x -> x * x);

        Await.until("each bus knows the other", Duration.ofSeconds(30),
            () -> a.ipcStats().peers() == 1 && b.ipcStats().peers() == 1 && a.remoteConsumers("jobs") == 1 &&
                a.remoteResponders("square") == 1);

        final Topic<Order> orders = a.topic("orders", Order.class);
        for (int i = 0; i < 1_000; i++)
        {
            orders.publish(new Order("o-" + i, i));
        }
        final Queue<Integer> jobs = a.queue("jobs", Integer.class);
        for (int i = 0; i < 500; i++)
        {
            jobs.send(i);
        }
        assertEquals(144L, a.request("square", 12L, Long.class, Duration.ofSeconds(10)).get(30, TimeUnit.SECONDS));

        Await.until(() -> "1000 orders at B, have " + atB.size(), Duration.ofSeconds(30), () -> atB.size() == 1_000);
        for (int i = 0; i < 1_000; i++)
        {
            assertEquals(new Order("o-" + i, i), atB.get(i));
        }
        Await.until("500 jobs at B", Duration.ofSeconds(30), () -> handledAtB.size() == 500);
        Await.until("all acknowledged", Duration.ofSeconds(30), () -> a.ipcStats().unacked() == 0);
        assertEquals(0, b.ipcStats().droppedFrames());
    }
}
