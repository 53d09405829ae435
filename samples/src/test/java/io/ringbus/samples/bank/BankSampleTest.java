package io.ringbus.samples.bank;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BankSampleTest
{
    @TempDir
    Path dir;

    @Test
    void printsWhatHappenedAndRebuildsAfterTheRestart() throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BankSample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), dir);
        final String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("OpenAccount[accountId=alice, owner=Alice] -> position 0"), out);
        assertTrue(out.contains("Withdraw[accountId=bob, cents=500] -> rejected (insufficient-funds)"), out);
        assertTrue(out.contains("Deposit[accountId=bob, cents=-1] -> rejected (invalid)"), out);
        assertTrue(out.contains("journal holds 5 events"), out);
        assertTrue(out.contains("recovered 5 events"), out);
        assertEquals(2, out.lines().filter(l -> l.equals("  alice balance 7000 cents")).count(), out);
        assertEquals(2, out.lines().filter(l -> l.equals("  bob balance 1250 cents")).count(), out);
    }
}
