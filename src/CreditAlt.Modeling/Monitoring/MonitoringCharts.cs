using System.Globalization;
using System.Net;
using System.Text;

namespace CreditAlt.Modeling.Monitoring;

/// <summary>
/// The monitoring page's charts as inline SVG written by hand: a few rectangles and lines are all three charts
/// need, and hand-written SVG keeps the page byte-stable and free of a plotting dependency in the modelling layer.
/// </summary>
public static class MonitoringCharts
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static string N(double v) => v.ToString("0.##", Inv);

    /// <summary>Two bars per category (baseline grey, recent blue), heights as shares.</summary>
    public static string GroupedBars(string[] labels, double[] baseline, double[] recent)
    {
        const int height = 220, top = 10, bottom = 60, left = 40, slot = 60;
        var width = left + slot * labels.Length + 10;
        var max = Math.Max(1e-9, baseline.Concat(recent).DefaultIfEmpty(0).Max());
        var svg = Open(width, height);
        var plot = height - top - bottom;
        for (var i = 0; i < labels.Length; i++)
        {
            var x = left + slot * i + 8;
            foreach (var (value, dx, colour) in new[] { (baseline[i], 0, "#9e9e9e"), (recent[i], 22, "#1565c0") })
            {
                var h = plot * value / max;
                svg.Append($"<rect x=\"{N(x + dx)}\" y=\"{N(top + plot - h)}\" width=\"20\" height=\"{N(h)}\" fill=\"{colour}\"><title>{N(value * 100)} %</title></rect>");
            }

            svg.Append($"<text x=\"{N(x + 21)}\" y=\"{height - bottom + 14}\" font-size=\"10\" text-anchor=\"end\" transform=\"rotate(-35 {N(x + 21)} {height - bottom + 14})\">{WebUtility.HtmlEncode(labels[i])}</text>");
        }

        svg.Append($"<line x1=\"{left}\" y1=\"{top + plot}\" x2=\"{width - 5}\" y2=\"{top + plot}\" stroke=\"#333\"/>");
        svg.Append($"<text x=\"4\" y=\"{top + 10}\" font-size=\"10\">{N(max * 100)} %</text>");
        return svg.Append("</svg>\n").ToString();
    }

    /// <summary>One horizontal bar per variable, coloured by status, with dashed lines at the warning and alert thresholds.</summary>
    public static string PsiBars(string[] names, double[] psi, MonitoringThresholds t)
    {
        const int row = 18, left = 260, plot = 420;
        var height = row * names.Length + 30;
        var max = Math.Max(t.PsiAlert * 1.2, psi.DefaultIfEmpty(0).Max());
        var svg = Open(left + plot + 60, height);
        for (var i = 0; i < names.Length; i++)
        {
            var colour = t.PsiStatus(psi[i]) switch { MonitoringStatus.Ok => "#2e7d32", MonitoringStatus.Warn => "#f9a825", _ => "#c62828" };
            var y = 5 + row * i;
            svg.Append($"<text x=\"{left - 6}\" y=\"{y + 12}\" font-size=\"11\" text-anchor=\"end\">{WebUtility.HtmlEncode(names[i])}</text>");
            svg.Append($"<rect x=\"{left}\" y=\"{y + 2}\" width=\"{N(plot * psi[i] / max)}\" height=\"{row - 5}\" fill=\"{colour}\"/>");
            svg.Append($"<text x=\"{N(left + plot * psi[i] / max + 4)}\" y=\"{y + 12}\" font-size=\"10\">{psi[i].ToString("0.000", Inv)}</text>");
        }

        foreach (var threshold in new[] { t.PsiWarn, t.PsiAlert })
        {
            var x = left + plot * threshold / max;
            svg.Append($"<line x1=\"{N(x)}\" y1=\"0\" x2=\"{N(x)}\" y2=\"{height - 20}\" stroke=\"#555\" stroke-dasharray=\"4 3\"/>");
            svg.Append($"<text x=\"{N(x)}\" y=\"{height - 6}\" font-size=\"10\" text-anchor=\"middle\">{N(threshold)}</text>");
        }

        return svg.Append("</svg>\n").ToString();
    }

    /// <summary>Per window: the observed bad rate as a bar with its Wilson interval as a whisker, and the mean predicted PD as a diamond.</summary>
    public static string Calibration(IReadOnlyList<CalibrationCheck> windows)
    {
        const int height = 220, top = 10, bottom = 30, left = 50, slot = 120;
        var width = left + slot * windows.Count + 20;
        var max = Math.Max(1e-9, windows.Max(w => Math.Max(w.ObservedInterval.High, w.MeanPredicted)) * 1.1);
        var plot = height - top - bottom;
        double Y(double v) => top + plot - plot * v / max;
        var svg = Open(width, height);
        for (var i = 0; i < windows.Count; i++)
        {
            var w = windows[i];
            var x = left + slot * i + 30;
            var colour = w.Status == MonitoringStatus.Ok ? "#90caf9" : "#ef9a9a";
            svg.Append($"<rect x=\"{x}\" y=\"{N(Y(w.ObservedRate))}\" width=\"50\" height=\"{N(plot - (Y(w.ObservedRate) - top))}\" fill=\"{colour}\"/>");
            svg.Append($"<line x1=\"{x + 25}\" y1=\"{N(Y(w.ObservedInterval.Low))}\" x2=\"{x + 25}\" y2=\"{N(Y(w.ObservedInterval.High))}\" stroke=\"#000\" stroke-width=\"2\"/>");
            var py = Y(w.MeanPredicted);
            svg.Append($"<polygon points=\"{x + 25},{N(py - 6)} {x + 31},{N(py)} {x + 25},{N(py + 6)} {x + 19},{N(py)}\" fill=\"#e65100\"/>");
            svg.Append($"<text x=\"{x + 25}\" y=\"{height - 12}\" font-size=\"11\" text-anchor=\"middle\">{WebUtility.HtmlEncode(w.Window)}</text>");
        }

        svg.Append($"<line x1=\"{left}\" y1=\"{top + plot}\" x2=\"{width - 5}\" y2=\"{top + plot}\" stroke=\"#333\"/>");
        svg.Append($"<text x=\"4\" y=\"{top + 10}\" font-size=\"10\">{N(max * 100)} %</text>");
        return svg.Append("</svg>\n").ToString();
    }

    private static StringBuilder Open(int width, int height) =>
        new StringBuilder().Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">");
}
