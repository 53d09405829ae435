package io.ringbus.samples.readme;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.ringbus.api.Await;
import io.ringbus.ipc.AeronBus;
import io.ringbus.ipc.OfferResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's IPC snippets do what the README says. The default driver directory is redirected to a fresh one
 * through the {@code ringbus.ipc.dir} property, so the test leaves nothing in {@code /dev/shm}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IpcReadmeExamplesTest
{
    private final Path base = Path.of("/dev/shm").toFile().isDirectory() ?
        Path.of("/dev/shm", "ringbus-readme-" + ProcessHandle.current().pid()) :
        Path.of(System.getProperty("java.io.tmpdir"), "ringbus-readme-" + ProcessHandle.current().pid());

    @BeforeEach
    void redirect()
    {
        System.setProperty(AeronBus.DIR_PROP_NAME, base.resolve("embedded").toString());
    }

    @AfterEach
    void clean() throws IOException
    {
        System.clearProperty(AeronBus.DIR_PROP_NAME);
        if (Files.exists(base))
        {
            try (Stream<Path> files = Files.walk(base))
            {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void sharedDestinationsWork() throws Exception
    {
        Files.createDirectories(base);
        final IpcReadmeExamples examples = new IpcReadmeExamples();
        assertEquals(new IpcReadmeExamples.Quote("EURUSD", 1.0842), examples.shared().get());
        assertEquals(new IpcReadmeExamples.Price("EURUSD", 1.0842), examples.seen.get(0));
        assertEquals("order-1", examples.charged.get(0).orderId());
    }

    @Test
    void outcomesAreNamed() throws Exception
    {
        Files.createDirectories(base);
        final IpcReadmeExamples examples = new IpcReadmeExamples();
        try (AeronBus bus = AeronBus.builder().sharePrefix("prices.").build())
        {
            assertEquals(OfferResult.ACCEPTED, examples.outcomes(bus));
        }
    }

    @Test
    void externalDriverCodecsAndLowLatencyProfile() throws Exception
    {
        Files.createDirectories(base);
        final Path aeronDir = base.resolve("external");
        try (MediaDriver driver = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(aeronDir.toString())
            .threadingMode(ThreadingMode.SHARED)
            .ipcTermBufferLength(AeronBus.TERM_LENGTH_DEFAULT)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)))
        {
            final IpcReadmeExamples examples = new IpcReadmeExamples();
            try (AeronBus bus = examples.configured(aeronDir))
            {
                assertTrue(bus.isConnected());
                final java.util.List<IpcReadmeExamples.Tick> ticks = new java.util.concurrent.CopyOnWriteArrayList<>();
                bus.topic("ticks", IpcReadmeExamples.Tick.class).subscribe(ticks::add);
                try (AeronBus other = examples.configured(aeronDir))
                {
                    Await.until("the two buses see each other", () -> bus.ipcStats().peers() == 1);
                    other.topic("ticks", IpcReadmeExamples.Tick.class).publish(new IpcReadmeExamples.Tick(7, 1.5));
                    Await.until("the tick crossed with the hand-written codec", () -> ticks.size() == 1);
                }
                assertEquals(new IpcReadmeExamples.Tick(7, 1.5), ticks.get(0));
            }
        }
    }

    @Test
    void udpBetweenTwoBuses() throws Exception
    {
        Files.createDirectories(base);
        final int portA = freePort();
        final int portB = freePort();
        final IpcReadmeExamples examples = new IpcReadmeExamples();
        try (AeronBus a = examples.overUdp("127.0.0.1:" + portA, "127.0.0.1:" + portB, base.resolve("a"));
            AeronBus b = examples.overUdp("127.0.0.1:" + portB, "127.0.0.1:" + portA, base.resolve("b")))
        {
            final java.util.List<String> got = new java.util.concurrent.CopyOnWriteArrayList<>();
            b.topic("greetings", String.class).subscribe(got::add);
            Await.until("the two buses see each other", () -> a.ipcStats().peers() == 1);
            a.topic("greetings", String.class).publish("hello over udp");
            Await.until("the greeting crossed", () -> got.size() == 1);
        }
    }

    private static int freePort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }
}
