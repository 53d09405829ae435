package io.ringbus.samples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamplesTest
{
    @Test
    void aSampleIsFoundByItsShortOrFullName()
    {
        assertNotNull(Samples.find("BankSample"));
        assertNotNull(Samples.find("banksample"));
        assertNotNull(Samples.find("io.ringbus.samples.bank.BankSample"));
        assertNull(Samples.find("Bank"));
    }

    @Test
    void anUnknownNameListsTheSamplesAndSaysSoLast()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertEquals(Samples.UNKNOWN, Samples.refuse("Bank", new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        final List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.contains("BankSample") && l.contains("io.ringbus.samples.bank")),
            lines.toString());
        assertTrue(lines.get(lines.size() - 1).startsWith("unknown sample 'Bank'"), lines.toString());
    }
}
