package io.ringbus.samples.feed;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarketDataFeedTest
{
    @Test
    void everyTickReachesTheSubscriberAndTheSumIsExact() throws Exception
    {
        final long ticks = 200_000;
        long expected = 0;
        for (long i = 0; i < ticks; i++)
        {
            expected += (1_084_200L + (i & 7)) * (1 + (i & 3));
        }
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertEquals(expected, MarketDataFeed.run(ticks, new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        final String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("published 200,000, delivered 200,000"), out);
        assertTrue(out.contains("heartbeats: 2, the last one #1"), out);
    }
}
