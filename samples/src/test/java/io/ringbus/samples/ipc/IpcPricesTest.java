package io.ringbus.samples.ipc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpcPricesTest
{
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void deskReceivesEveryPriceAndQuoteFromTheFeedProcess() throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final Path base = Path.of(System.getProperty("java.io.tmpdir"), "ringbus-sample-test-" + ProcessHandle.current().pid());
        final long received =
            IpcPrices.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), 2_000, 10_000, 200, base);
        final String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(2_000, received, out);
        assertTrue(out.contains("one-way price latency"), out);
        assertTrue(out.contains("(n=2000)"), out);
        assertTrue(out.contains("200 quotes answered by the feed process"), out);
        assertTrue(out.contains("[feed] feed: publishing 2000 prices"), out);
        assertTrue(out.contains("dropped frames 0"), out);
    }
}
