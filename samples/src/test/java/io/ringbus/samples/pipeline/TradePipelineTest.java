package io.ringbus.samples.pipeline;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TradePipelineTest
{
    @Test
    void printsWhatHappened() throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TradePipeline.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        final String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("journal   handled 10000"), out);
        assertTrue(out.contains("replicate handled 10000, seen before journaled: 0"), out);
        assertTrue(out.contains("business  handled 10000, seen before replicated: 0, " +
            "net positions {EURUSD=168367, GBPUSD=168300, USDJPY=168333}"), out);
        final List<String> audit = out.lines().filter(l -> l.startsWith("  auditor ")).toList();
        assertEquals(List.of(
            "  auditor replayed (a copy made after every stage) journal #9996: USDJPY qty 96",
            "  auditor replayed (a copy made after every stage) journal #9997: EURUSD qty 97",
            "  auditor replayed (a copy made after every stage) journal #9998: GBPUSD qty 98",
            "  auditor replayed (a copy made after every stage) journal #9999: USDJPY qty 99",
            "  auditor replayed (a copy made after every stage) journal #10000: EURUSD qty 100",
            "  auditor live (not ordered after the journal)     not journaled yet: EURUSD qty 7",
            "  auditor live (not ordered after the journal)     not journaled yet: GBPUSD qty 8"), audit, out);
        assertTrue(out.contains("published 10002, delivered 30013"), out);
        assertTrue(out.contains("depth 0"), out);
        assertTrue(out.contains("Closed:"), out);
    }
}
