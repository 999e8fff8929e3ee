using CreditAlt.Fairness.Audit;
using ScottPlot;

namespace CreditAlt.Fairness.Reports;

/// <summary>Charts for the HTML report, made with ScottPlot and embedded as SVG.</summary>
internal static class Charts
{
    private static readonly Color Flagged = Color.FromHex("#c0392b");
    private static readonly Color Reference = Color.FromHex("#2e7d32");
    private static readonly Color Small = Color.FromHex("#9e9e9e");
    private static readonly Color Normal = Color.FromHex("#1f77b4");

    /// <summary>A plot in a sans-serif face that every Debian/Ubuntu machine has (DejaVu Sans).</summary>
    private static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        return plot;
    }

    /// <summary>Favourable rate per group as horizontal bars with Wilson 95 % intervals and the four-fifths line.</summary>
    public static string FavorableRates(AttributeResult attribute, double fourFifths)
    {
        var plot = NewPlot();
        var groups = attribute.Groups;
        int n = groups.Count;
        var bars = new List<Bar>();
        var labels = new string[n];
        var positions = new double[n];
        for (int i = 0; i < n; i++)
        {
            var g = groups[i];
            double y = n - 1 - i; // first group on top
            positions[i] = y;
            labels[i] = g.Group + (g.IsReference ? " (ref.)" : g.TooSmall ? " (too small)" : string.Empty);
            bars.Add(new Bar
            {
                Position = y,
                Value = double.IsNaN(g.FavorableRate) ? 0 : g.FavorableRate,
                FillColor = g.FourFifthsFlag ? Flagged : g.IsReference ? Reference : g.TooSmall || g.IsMissing ? Small : Normal,
                Size = 0.6,
            });
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        for (int i = 0; i < n; i++)
        {
            var g = groups[i];
            if (double.IsNaN(g.RateCiLow))
            {
                continue;
            }

            var line = plot.Add.Line(g.RateCiLow, positions[i], g.RateCiHigh, positions[i]);
            line.LineWidth = 2;
            line.LineColor = Colors.Black;
            foreach (double x in new[] { g.RateCiLow, g.RateCiHigh })
            {
                var cap = plot.Add.Line(x, positions[i] - 0.15, x, positions[i] + 0.15);
                cap.LineWidth = 2;
                cap.LineColor = Colors.Black;
            }
        }

        var reference = groups.FirstOrDefault(g => g.IsReference);
        if (reference is not null)
        {
            var threshold = plot.Add.VerticalLine(reference.FavorableRate * fourFifths);
            threshold.LinePattern = LinePattern.Dashed;
            threshold.LineColor = Flagged;
            threshold.LineWidth = 1.5f;
            threshold.LegendText = "four-fifths of the reference rate";
            plot.ShowLegend(Edge.Bottom);
        }

        plot.Axes.Left.SetTicks(positions, labels);
        plot.Axes.SetLimitsX(0, 1.05);
        plot.Axes.SetLimitsY(-0.7, n - 0.3);
        plot.XLabel("favourable rate (bar) with 95 % interval (whiskers)");
        plot.Title($"Favourable rate by {attribute.Attribute}");
        return plot.GetSvgXml(820, 170 + 36 * n);
    }

    /// <summary>Score distribution per group: share of the group in each score bin, as lines.</summary>
    public static string ScoreDistributions(AttributeResult attribute, ScoreBins bins)
    {
        var plot = NewPlot();
        var edges = bins.HistogramEdges;
        var centres = Enumerable.Range(0, edges.Length - 1).Select(i => (edges[i] + edges[i + 1]) / 2).ToArray();
        var palette = new ScottPlot.Palettes.Category10();
        int colour = 0;
        foreach (var g in attribute.Groups.Where(g => g.Score is not null && g.ScoreHistogram.Count > 0))
        {
            double total = g.ScoreHistogram.Sum();
            var shares = g.ScoreHistogram.Select(v => total > 0 ? v / total : 0).ToArray();
            var scatter = plot.Add.Scatter(centres, shares);
            scatter.LegendText = g.Group;
            scatter.Color = palette.GetColor(colour++);
            scatter.LineWidth = 2;
            scatter.MarkerSize = 0;
        }

        plot.ShowLegend(Alignment.UpperLeft);
        plot.XLabel("score");
        plot.YLabel("share of the group");
        plot.Title($"Score distribution by {attribute.Attribute}");
        return plot.GetSvgXml(820, 380);
    }

    /// <summary>Observed bad rate per score band and group, with the band's pooled bad rate as the prediction.</summary>
    public static string Calibration(AttributeResult attribute)
    {
        var plot = NewPlot();
        var palette = new ScottPlot.Palettes.Category10();
        int colour = 0;
        var pooled = new SortedDictionary<int, (double X, double Y)>();
        foreach (var g in attribute.Groups.Where(g => g.Outcome is { Calibration.Count: > 0 }))
        {
            var bands = g.Outcome!.Calibration;
            var xs = bands.Select(b => (double)b.Band).ToArray();
            var ys = bands.Select(b => b.ObservedBadRate).ToArray();
            var scatter = plot.Add.Scatter(xs, ys);
            scatter.LegendText = g.Group;
            scatter.Color = palette.GetColor(colour++);
            scatter.LineWidth = 2;
            scatter.MarkerSize = 6;
            foreach (var b in bands)
            {
                pooled[b.Band] = (b.Band, b.PredictedBadRate);
            }
        }

        if (pooled.Count > 0)
        {
            var bandNumbers = pooled.Keys.Select(k => (double)k).ToArray();
            plot.Axes.Bottom.SetTicks(bandNumbers, pooled.Keys.Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
            var line = plot.Add.Scatter(pooled.Values.Select(v => v.X).ToArray(), pooled.Values.Select(v => v.Y).ToArray());
            line.LegendText = "all applicants in the band (predicted)";
            line.Color = Colors.Black;
            line.LinePattern = LinePattern.Dashed;
            line.LineWidth = 2;
            line.MarkerSize = 0;
        }

        plot.ShowLegend(Alignment.UpperRight);
        plot.XLabel("score band (1 = lowest scores)");
        plot.YLabel("bad rate");
        plot.Title($"Calibration by {attribute.Attribute}");
        return plot.GetSvgXml(820, 380);
    }
}
