package dev.lsmkv.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a run as two PNGs for the report: ops/s per workload and store as grouped bars on a log
 * scale, and per workload a panel of latency percentile curves (p0 to p99.99, from each result's
 * HdrHistogram) per store. The figures are the report's: each store's median run of a workload.
 * Rendering is headless.
 */
final class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** One colour per store, in --stores order, the same in both charts. */
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b)};

    /**
     * The x axis of the latency curves: percentile p as its "nines", -log10(1 - p/100), so p0 (the
     * fastest operation) is at 0, p90 at 1, p99 at 2, ..., p99.99 at 4: the tail gets as much room as
     * the body.
     */
    private static final double[] NINES = new double[41];

    static {
        for (int i = 0; i < NINES.length; i++) {
            NINES[i] = i * 4.0 / (NINES.length - 1);
        }
    }

    private static final int PANEL_WIDTH = 560;
    private static final int PANEL_HEIGHT = 380;
    private static final int PANEL_COLUMNS = 3;

    private Charts() {
    }

    /** The two charts, {@code <out basename>-throughput.png} and {@code -latency.png} in {@code dir}. */
    static List<Path> write(Path dir, Path out, List<String> stores, List<Result> results) throws IOException {
        String name = out.getFileName().toString();
        String base = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        Files.createDirectories(dir);
        Path throughput = dir.resolve(base + "-throughput.png");
        Path latency = dir.resolve(base + "-latency.png");
        try (OutputStream o = Files.newOutputStream(throughput)) {
            BitmapEncoder.saveBitmap(throughput(stores, results), o, BitmapEncoder.BitmapFormat.PNG);
        }
        ImageIO.write(latency(stores, results), "png", latency.toFile());
        return List.of(throughput, latency);
    }

    private static CategoryChart throughput(List<String> stores, List<Result> results) {
        List<String> workloads = new ArrayList<>(Report.workloads(results));
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(900, 110 * workloads.size() * stores.size() / 2))
                .height(620).title("Throughput: ops/s per workload (median run; log scale; readseq: entries/s)")
                .xAxisTitle("workload").yAxisTitle("ops/s").build();
        CategoryStyler st = chart.getStyler();
        st.setYAxisLogarithmic(true);
        st.setXAxisLabelRotation(30);
        st.setPlotGridVerticalLinesVisible(false);
        st.setYAxisDecimalPattern("#,###");
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setSeriesColors(colors(stores));
        st.setChartBackgroundColor(Color.WHITE);
        st.setLabelsVisible(true);
        st.setLabelsRotation(90);
        st.setLabelsFont(new Font(Font.SANS_SERIF, Font.BOLD, 10));
        st.setLabelsFontColorAutomaticEnabled(false);
        st.setLabelsFontColor(Color.WHITE);
        st.setLabelsPosition(0.5);
        st.setAvailableSpaceFill(0.8);
        double min = Double.MAX_VALUE;
        for (String store : stores) {
            List<Double> ops = new ArrayList<>();
            for (String w : workloads) {
                Optional<Result> r = Report.find(results, store, w);
                ops.add(r.map(Result::opsPerSecond).orElse(null));
                min = Math.min(min, r.map(Result::opsPerSecond).orElse(Double.MAX_VALUE));
            }
            chart.addSeries(store, workloads, ops);
        }
        if (min < Double.MAX_VALUE) {
            // A decade below the smallest value, so that every bar is tall enough to hold its label.
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(Math.max(10, min))) - 1));
        }
        return chart;
    }

    private static BufferedImage latency(List<String> stores, List<Result> results) {
        List<BufferedImage> panels = new ArrayList<>();
        for (String w : Report.workloads(results)) {
            XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
                    .title(w + ": latency by percentile" + (w.equals("readseq") ? " (per entry)" : ""))
                    .xAxisTitle("percentile").yAxisTitle("µs").build();
            XYStyler st = chart.getStyler();
            st.setYAxisLogarithmic(true);
            st.setYAxisDecimalPattern("#,##0.##");
            st.setXAxisMin(NINES[0]);
            st.setXAxisMax(NINES[NINES.length - 1]);
            st.setXAxisTickMarkSpacingHint(100);
            st.setxAxisTickLabelsFormattingFunction(Charts::percentileLabel);
            st.setLegendPosition(Styler.LegendPosition.InsideNW);
            st.setChartBackgroundColor(Color.WHITE);
            st.setMarkerSize(4);
            for (int i = 0; i < stores.size(); i++) {
                Optional<Result> r = Report.find(results, stores.get(i), w);
                if (r.isEmpty() || Double.isNaN(r.get().micros(50))) {
                    continue;
                }
                double[] y = new double[NINES.length];
                for (int p = 0; p < NINES.length; p++) {
                    y[p] = Math.max(0.01, r.get().micros(100 * (1 - Math.pow(10, -NINES[p]))));
                }
                XYSeries s = chart.addSeries(stores.get(i), NINES, y);
                s.setLineColor(COLORS[i % COLORS.length]);
                s.setMarkerColor(COLORS[i % COLORS.length]);
                s.setMarker(SeriesMarkers.CIRCLE);
            }
            if (!chart.getSeriesMap().isEmpty()) {
                panels.add(BitmapEncoder.getBufferedImage(chart));
            }
        }
        int rows = Math.max(1, (panels.size() + PANEL_COLUMNS - 1) / PANEL_COLUMNS);
        BufferedImage grid = new BufferedImage(PANEL_WIDTH * PANEL_COLUMNS, PANEL_HEIGHT * rows,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
        for (int i = 0; i < panels.size(); i++) {
            g.drawImage(panels.get(i), (i % PANEL_COLUMNS) * PANEL_WIDTH, (i / PANEL_COLUMNS) * PANEL_HEIGHT, null);
        }
        g.dispose();
        return grid;
    }

    private static Color[] colors(List<String> stores) {
        Color[] c = new Color[stores.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = COLORS[i % COLORS.length];
        }
        return c;
    }

    /** A tick of the nines axis as its percentile: 1 as p90, 2 as p99, 2.5 as p99.68. */
    private static String percentileLabel(double nines) {
        String p = String.format(Locale.ROOT, "%.2f", 100 * (1 - Math.pow(10, -nines)));
        return "p" + p.replaceAll("\\.?0+$", "");
    }
}
