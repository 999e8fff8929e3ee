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

    /// <summary>
    /// AIR per compared group as a point with its 95 % Katz interval, on a log-free ratio axis, with lines at 1 (equal
    /// treatment) and four-fifths. Suppressed groups, the control group and its members are left out.
    /// </summary>
    public static string AirIntervals(AttributeResult attribute, double fourFifths)
    {
        var plot = NewPlot();
        var groups = attribute.Groups.Where(g => !g.Suppressed && !g.IsReference && !g.InControl && g.AirCiLow is not null).ToList();
        int n = Math.Max(1, groups.Count);
        var labels = new string[groups.Count];
        var positions = new double[groups.Count];
        double max = 1.2;
        for (int i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            double y = groups.Count - 1 - i; // first group on top
            positions[i] = y;
            labels[i] = g.Group + (g.IsMissing ? " (not judged)" : string.Empty);
            var colour = g.Flagged ? Flagged : g.IsMissing || !g.Judged ? Small : Normal;
            var line = plot.Add.Line(g.AirCiLow!.Value, y, g.AirCiHigh!.Value, y);
            line.LineWidth = 3;
            line.LineColor = colour;
            var point = plot.Add.Marker(g.Air ?? double.NaN, y);
            point.MarkerSize = 11;
            point.Color = colour;
            max = Math.Max(max, g.AirCiHigh.Value + 0.05);
        }

        var one = plot.Add.VerticalLine(1.0);
        one.LineColor = Reference;
        one.LineWidth = 1.5f;
        one.LegendText = $"equal to {attribute.Reference}";
        var threshold = plot.Add.VerticalLine(fourFifths);
        threshold.LinePattern = LinePattern.Dashed;
        threshold.LineColor = Flagged;
        threshold.LineWidth = 1.5f;
        threshold.LegendText = "four-fifths";
        plot.ShowLegend(Edge.Bottom);
        if (groups.Count > 0)
        {
            plot.Axes.Left.SetTicks(positions, labels);
        }

        plot.Axes.SetLimitsX(Math.Min(0.5, groups.Select(g => g.AirCiLow!.Value).DefaultIfEmpty(0.5).Min() - 0.05), Math.Min(max, 3.0));
        plot.Axes.SetLimitsY(-0.7, n - 0.3);
        plot.XLabel($"approval rate ÷ {attribute.Reference}'s (point) with 95 % interval (line)");
        plot.Title($"Adverse impact ratio by {attribute.Attribute}");
        return plot.GetSvgXml(1000, 170 + 34 * n);
    }

    /// <summary>
    /// Contribution of each driver to each protected group's AIR, one row per driver (the <paramref name="top"/> largest),
    /// one coloured dot per group on a line from 0; LDA candidates are starred in the label.
    /// </summary>
    public static string DriverContributions(Drivers.DriverReport drivers, int top)
    {
        var plot = NewPlot();
        var palette = new ScottPlot.Palettes.Category10();
        var rows = drivers.Rows.Take(top).ToList();
        var groups = rows.SelectMany(r => r.Groups).Select(g => (g.Attribute, g.Group)).Distinct().ToList();
        var positions = new double[rows.Count];
        var labels = new string[rows.Count];
        // The axis spans 1.25 × the 90th percentile of |contribution| (at least 0.01), so one dominant attribute does not
        // flatten the others to a line; a value beyond it is drawn at the edge with its figure written next to it.
        var magnitudes = rows.SelectMany(r => r.Groups).Select(g => Math.Abs(g.Contribution)).Where(double.IsFinite).Order().ToList();
        double limit = Math.Max(0.01, 1.25 * (magnitudes.Count == 0 ? 0 : magnitudes[(int)Math.Floor(0.9 * (magnitudes.Count - 1))]));
        for (int i = 0; i < rows.Count; i++)
        {
            double y = rows.Count - 1 - i; // largest on top
            positions[i] = y;
            labels[i] = rows[i].Name + (rows[i].LdaCandidate ? " *" : string.Empty);
            for (int j = 0; j < groups.Count; j++)
            {
                var g = rows[i].Groups.FirstOrDefault(x => x.Attribute == groups[j].Attribute && x.Group == groups[j].Group);
                if (g is null || double.IsNaN(g.Contribution))
                {
                    continue;
                }

                // Groups side by side within the row, so equal contributions do not hide each other.
                double yj = y + (0.6 * (j - ((groups.Count - 1) / 2.0)) / Math.Max(1, groups.Count));
                double shown = Math.Clamp(g.Contribution, -limit, limit);
                var line = plot.Add.Line(0, yj, shown, yj);
                line.LineColor = palette.GetColor(j).WithAlpha(0.5);
                line.LineWidth = 2;
                var dot = plot.Add.Marker(shown, yj);
                dot.Color = palette.GetColor(j);
                dot.MarkerSize = 8;
                if (i == 0)
                {
                    dot.LegendText = $"{groups[j].Group} ({groups[j].Attribute})";
                }

                if (shown != g.Contribution)
                {
                    var text = plot.Add.Text(g.Contribution.ToString("+0.000;−0.000", System.Globalization.CultureInfo.InvariantCulture), shown, yj);
                    text.LabelFontSize = 10;
                    text.LabelFontColor = palette.GetColor(j);
                    text.LabelAlignment = shown > 0 ? Alignment.MiddleRight : Alignment.MiddleLeft;
                }
            }
        }

        var zero = plot.Add.VerticalLine(0);
        zero.LineColor = Colors.Black;
        zero.LineWidth = 1;
        if (rows.Count > 0)
        {
            plot.Axes.Left.SetTicks(positions, labels);
        }

        plot.ShowLegend(Edge.Right);
        plot.Axes.SetLimitsX(-limit * 1.08, limit * 1.08);
        plot.Axes.SetLimitsY(-0.7, Math.Max(1, rows.Count) - 0.3);
        plot.XLabel("AIR with the attribute neutral minus AIR today (* LDA candidate)");
        plot.Title("Drivers of the approval ratios");
        return plot.GetSvgXml(1000, 150 + (40 * Math.Max(1, rows.Count)));
    }

    /// <summary>
    /// Approval rate per risk band, one line per group. A suppressed cell is a gap: the line stops and starts again, so
    /// no straight segment pretends to show bands that hold too few applicants to print.
    /// </summary>
    public static string RiskBands(RiskBandAnalysis r, IReadOnlyList<RiskBandGroup> groups)
    {
        var plot = NewPlot();
        var palette = new ScottPlot.Palettes.Category10();
        int colour = 0;
        foreach (var g in groups)
        {
            var color = g.IsReference ? Colors.Black : palette.GetColor(colour++);
            bool legend = true;
            int b = 0;
            while (b < g.Rate.Count)
            {
                if (g.Rate[b] is null)
                {
                    b++;
                    continue;
                }

                var xs = new List<double>();
                var ys = new List<double>();
                for (; b < g.Rate.Count && g.Rate[b] is { } rate; b++)
                {
                    xs.Add(b + 1);
                    ys.Add(rate);
                }

                var scatter = plot.Add.Scatter(xs.ToArray(), ys.ToArray());
                if (legend)
                {
                    scatter.LegendText = g.Group + (g.IsReference ? " (control)" : string.Empty);
                    legend = false;
                }

                scatter.Color = color;
                scatter.LineWidth = g.IsReference ? 3 : 2;
                scatter.MarkerSize = 6;
            }
        }

        plot.Axes.Bottom.SetTicks(Enumerable.Range(1, r.Bands.Count).Select(b => (double)b).ToArray(), r.Bands.ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = -30;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.Axes.Bottom.MinimumSize = 90;
        plot.ShowLegend(Alignment.LowerRight);
        plot.XLabel(r.Basis);
        plot.YLabel("approval rate");
        plot.Axes.SetLimitsY(-0.02, 1.05);
        plot.Title($"Approval at equal risk: {r.Basis}");
        return plot.GetSvgXml(1000, 440);
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

    /// <summary>Observed bad rate per score band and group (judged cells only), with the band's bad rate over all applicants.</summary>
    public static string Calibration(AttributeResult attribute)
    {
        var plot = NewPlot();
        var palette = new ScottPlot.Palettes.Category10();
        int colour = 0;
        var pooled = new SortedDictionary<int, (double X, double Y)>();
        foreach (var g in attribute.Groups.Where(g => g.Outcome is { Calibration.Count: > 0 }))
        {
            var bands = g.Outcome!.Calibration.Where(b => b.Judged).ToList();
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
            line.LegendText = "all applicants in the band";
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
