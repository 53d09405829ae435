package io.ringbus.bench;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The percentile axis labels: XChart loops until every tick label is unique, so neighbouring ticks must never
 * share one (an earlier formatter hung the run).
 */
class PlotsTest
{
    @Test
    void decadesAreTheUsualPercentiles()
    {
        assertEquals("0%", Plots.percentileLabel(0.0));
        assertEquals("90%", Plots.percentileLabel(1.0));
        assertEquals("99%", Plots.percentileLabel(2.0));
        assertEquals("99.9%", Plots.percentileLabel(3.0));
        assertEquals("99.9999%", Plots.percentileLabel(6.0));
    }

    @Test
    void ticksATenthApartHaveDistinctLabels()
    {
        final Set<String> labels = new HashSet<>();
        for (int i = -10; i <= 70; i++)
        {
            final String label = Plots.percentileLabel(i / 10.0);
            assertTrue(labels.add(label), () -> "duplicate label " + label);
        }
    }
}
