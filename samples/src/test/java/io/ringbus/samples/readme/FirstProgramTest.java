package io.ringbus.samples.readme;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FirstProgramTest
{
    @Test
    void printsBothPricesAsTheReadmeSays() throws Exception
    {
        final PrintStream original = System.out;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try
        {
            FirstProgram.main(new String[0]);
        }
        finally
        {
            System.setOut(original);
        }
        assertEquals("chart Price[pair=EURUSD, value=1.0842]\nchart Price[pair=EURUSD, value=1.0843]\n",
            bytes.toString(StandardCharsets.UTF_8));
    }
}
