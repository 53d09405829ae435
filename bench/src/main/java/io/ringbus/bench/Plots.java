package io.ringbus.bench;

import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Percentile-distribution plots with XChart, rendered headless: one PNG per latency scenario, Ringbus (thick
 * lines) against every peer; the x axis is the percentile on a log scale (1/(1-p): 90%, 99%, 99.9%, ...), the
 * y axis the latency in µs, also logarithmic since peers differ by orders of magnitude.
 * <p>
 * <b>Note:</b> run by the bench's main thread only.
 */
final class Plots
{
    private static final double MAX_X = 1e6;

    private Plots()
    {
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
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisLogarithmicDecadeOnly(true);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(Plots::percentileLabel);
        chart.getStyler().setPlotGridLinesVisible(true);
        for (final Result.Latency result : results)
        {
            final List<Double> xs = new ArrayList<>();
            final List<Double> ys = new ArrayList<>();
            for (final HistogramIterationValue value : result.histogram().percentiles(5))
            {
                final double percentile = value.getPercentileLevelIteratedTo();
                final double x = 1.0 / (1.0 - percentile / 100.0);
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

    private static String percentileLabel(final Double x)
    {
        final double percentile = 100.0 * (1.0 - 1.0 / x);
        if (percentile <= 0)
        {
            return "0%";
        }
        final String text = String.format(Locale.ROOT, "%.6f", percentile).replaceAll("0+$", "").replaceAll("\\.$", "");
        return text + "%";
    }
}
