package io.ringbus.bench;

import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Percentile-distribution plots with XChart, rendered headless: one PNG per latency scenario, Ringbus (thick
 * lines) against every peer; the x axis is the percentile on a log scale (log10 of 1/(1-p), so 90%, 99%, 99.9%, ...
 * are equally spaced, as in HdrHistogram's own plots), the y axis the latency in µs, also logarithmic since peers
 * differ by orders of magnitude.
 * <p>
 * <b>Note:</b> run by the bench's main thread only.
 */
final class Plots
{
    private static final long RENDER_TIMEOUT_MS = 30_000;
    /** Up to the 99.9999th percentile. */
    private static final double MAX_X = 6;

    private Plots()
    {
    }

    /**
     * Renders the plot on a helper thread with a time limit, so that a plotting library fault cannot hang the
     * run: the report then says the plot is missing.
     *
     * @return true when the PNG was written.
     */
    static boolean render(final String title, final List<Result.Latency> results, final Path png)
        throws InterruptedException
    {
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread thread = new Thread(() ->
        {
            try
            {
                percentiles(title, results, png);
            }
            catch (final Throwable ex)
            {
                failure.set(ex);
            }
        }, "bench-plot");
        thread.setDaemon(true);
        thread.start();
        thread.join(RENDER_TIMEOUT_MS);
        if (thread.isAlive())
        {
            System.err.println("bench: plot " + png.getFileName() + " not rendered within " + RENDER_TIMEOUT_MS + " ms");
            return false;
        }
        if (failure.get() != null)
        {
            System.err.println("bench: plot " + png.getFileName() + " failed: " + failure.get());
            return false;
        }
        return true;
    }

    static void percentiles(final String title, final List<Result.Latency> results, final Path png) throws IOException
    {
        final XYChart chart = new XYChartBuilder()
            .width(1280)
            .height(760)
            .title(title)
            .xAxisTitle("percentile")
            .yAxisTitle("latency (µs)")
            .build();
        final Styler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisTickMarkSpacingHint(120);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(Plots::percentileLabel);
        chart.getStyler().setPlotGridLinesVisible(true);
        for (final Result.Latency result : results)
        {
            final List<Double> xs = new ArrayList<>();
            final List<Double> ys = new ArrayList<>();
            for (final HistogramIterationValue value : result.histogram().percentiles(5))
            {
                final double percentile = value.getPercentileLevelIteratedTo();
                final double x = Math.log10(1.0 / (1.0 - percentile / 100.0));
                if (percentile >= 100.0 || x > MAX_X)
                {
                    break;
                }
                xs.add(x);
                ys.add(Math.max(0.001, value.getValueIteratedTo() / 1000.0));
            }
            if (xs.isEmpty())
            {
                continue;
            }
            final XYSeries series = chart.addSeries(result.subject(), xs, ys);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineWidth(result.ringbus() ? 3.5f : 1.5f);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * The percentile at {@code x = log10(1/(1-p))}, with the part below 100% rounded to two significant digits,
     * so that neighbouring ticks never get the same label (XChart insists on unique labels).
     */
    static String percentileLabel(final Double x)
    {
        final BigDecimal remainder = BigDecimal.valueOf(100.0 * Math.pow(10, -x)).round(new MathContext(2));
        return BigDecimal.valueOf(100).subtract(remainder).stripTrailingZeros().toPlainString() + "%";
    }
}
