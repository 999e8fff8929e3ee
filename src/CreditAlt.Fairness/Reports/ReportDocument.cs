using System.Net;
using System.Text;

namespace CreditAlt.Fairness.Reports;

/// <summary>A small document model rendered both as Markdown and as HTML, so the two reports say the same.</summary>
internal sealed partial class ReportDocument
{
    public List<Block> Blocks { get; } = [];

    public void Heading(int level, string text) => Blocks.Add(new HeadingBlock(level, text));

    public void Paragraph(string text) => Blocks.Add(new ParagraphBlock(text));

    public void Bullets(IEnumerable<string> items) => Blocks.Add(new BulletBlock(items.ToList()));

    public void Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, string? highlightColumn = null)
        => Blocks.Add(new TableBlock(header, rows.ToList(), highlightColumn));

    public void Chart(string title, string svg)
    {
        // ScottPlot numbers clip-path ids from a process-wide counter: renumber them per chart so the page is the
        // same bytes however many reports the process made before, and ids stay unique across the page's charts.
        int chart = Blocks.OfType<ChartBlock>().Count() + 1;
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var renumbered = ClipId().Replace(svg, m =>
        {
            if (!ids.TryGetValue(m.Value, out var id))
            {
                id = $"chart{chart}-clip{ids.Count + 1}";
                ids[m.Value] = id;
            }

            return id;
        });
        Blocks.Add(new ChartBlock(title, renumbered));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(cl_[0-9a-f]+|chart[0-9]+-clip[0-9]+)\b")]
    private static partial System.Text.RegularExpressions.Regex ClipId();

    /// <summary>Appends another document under a level-2 heading, its own headings one level deeper (its title dropped).</summary>
    public void AppendSection(string title, ReportDocument other)
    {
        Heading(2, title);
        foreach (var block in other.Blocks)
        {
            switch (block)
            {
                case HeadingBlock { Level: 1 }:
                    break;
                case HeadingBlock h:
                    Heading(Math.Min(6, h.Level + 1), h.Text);
                    break;
                case ChartBlock c:
                    Chart(c.Title, c.Svg); // renumbers its clip ids after this document's charts
                    break;
                default:
                    Blocks.Add(block);
                    break;
            }
        }
    }

    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        foreach (var block in Blocks)
        {
            switch (block)
            {
                case HeadingBlock h:
                    sb.Append('#', h.Level).Append(' ').Append(h.Text).Append("\n\n");
                    break;
                case ParagraphBlock p:
                    sb.Append(p.Text).Append("\n\n");
                    break;
                case BulletBlock b:
                    foreach (var item in b.Items)
                    {
                        sb.Append("- ").Append(item).Append('\n');
                    }

                    sb.Append('\n');
                    break;
                case TableBlock t:
                    sb.Append("| ").Append(string.Join(" | ", t.Header.Select(EscapeCell))).Append(" |\n");
                    sb.Append('|').Append(string.Join('|', t.Header.Select((_, i) => i == 0 ? "---" : "---:"))).Append("|\n");
                    foreach (var row in t.Rows)
                    {
                        sb.Append("| ").Append(string.Join(" | ", row.Select(EscapeCell))).Append(" |\n");
                    }

                    sb.Append('\n');
                    break;
                case ChartBlock:
                    break;
            }
        }

        return sb.ToString().TrimEnd('\n') + "\n";
    }

    public string ToHtml(string title)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(Html(title)).Append("</title>\n<style>\n")
            .Append("body{font-family:'DejaVu Sans',Arial,Helvetica,sans-serif;max-width:1150px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}\n")
            .Append("h1{border-bottom:3px solid #1f4e79;padding-bottom:.2em;color:#1f4e79}h2{color:#1f4e79;margin-top:1.8em;border-bottom:1px solid #ccc}h3{margin-top:1.4em}\n")
            .Append("table{border-collapse:collapse;margin:.6em 0 1.2em;font-size:.84em}th,td{border:1px solid #ccc;padding:.25em .55em;text-align:right}td{white-space:nowrap}td:first-child{white-space:normal;min-width:8em}th{background:#eef3f8}\n")
            .Append("td:first-child,th:first-child{text-align:left}tr.flag td{background:#fde2e1}tr.ref td{background:#e6f2e6}tr.small td{color:#888}\n")
            .Append(".summary{background:#f6f8fa;border-left:5px solid #1f4e79;padding:.6em 1em}figure{margin:1em 0}figcaption{font-size:.9em;color:#555}code{background:#f0f0f0;padding:0 .2em}\n")
            // A table wider than the page (calibration by group, the drivers of many groups) scrolls in its own box, so
            // the page itself stays readable at 1,280 px.
            .Append(".wide{overflow-x:auto;max-width:100%}\n")
            .Append("</style>\n</head>\n<body>\n");
        bool inSummary = false;
        foreach (var block in Blocks)
        {
            switch (block)
            {
                case HeadingBlock h:
                    if (inSummary)
                    {
                        sb.Append("</div>\n");
                        inSummary = false;
                    }

                    sb.Append("<h").Append(h.Level).Append('>').Append(Inline(h.Text)).Append("</h").Append(h.Level).Append(">\n");
                    if (h.Level == 2 && h.Text == SummaryHeading)
                    {
                        sb.Append("<div class=\"summary\">\n");
                        inSummary = true;
                    }

                    break;
                case ParagraphBlock p:
                    sb.Append("<p>").Append(Inline(p.Text)).Append("</p>\n");
                    break;
                case BulletBlock b:
                    sb.Append("<ul>\n");
                    foreach (var item in b.Items)
                    {
                        sb.Append("<li>").Append(Inline(item)).Append("</li>\n");
                    }

                    sb.Append("</ul>\n");
                    break;
                case TableBlock t:
                    sb.Append("<div class=\"wide\"><table>\n<thead><tr>");
                    foreach (var cell in t.Header)
                    {
                        sb.Append("<th>").Append(Inline(cell)).Append("</th>");
                    }

                    sb.Append("</tr></thead>\n<tbody>\n");
                    int flagColumn = t.HighlightColumn is null ? -1 : t.Header.ToList().IndexOf(t.HighlightColumn);
                    foreach (var row in t.Rows)
                    {
                        string cls = flagColumn >= 0 && row[flagColumn].StartsWith("**yes", StringComparison.Ordinal) ? " class=\"flag\""
                            : row[0].EndsWith("(reference)", StringComparison.Ordinal) ? " class=\"ref\""
                            : flagColumn >= 0 && row[flagColumn].StartsWith("too small", StringComparison.Ordinal) ? " class=\"small\"" : string.Empty;
                        sb.Append("<tr").Append(cls).Append('>');
                        foreach (var cell in row)
                        {
                            sb.Append("<td>").Append(Inline(cell)).Append("</td>");
                        }

                        sb.Append("</tr>\n");
                    }

                    sb.Append("</tbody>\n</table></div>\n");
                    break;
                case ChartBlock c:
                    sb.Append("<figure>\n").Append(c.Svg).Append("\n<figcaption>").Append(Inline(c.Title)).Append("</figcaption>\n</figure>\n");
                    break;
            }
        }

        if (inSummary)
        {
            sb.Append("</div>\n");
        }

        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    public const string SummaryHeading = "Summary in plain words";

    private static string EscapeCell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal);

    private static string Html(string s) => WebUtility.HtmlEncode(s);

    /// <summary>HTML-encodes and turns Markdown **bold** and `code` into tags.</summary>
    private static string Inline(string s)
    {
        var encoded = Html(s);
        var sb = new StringBuilder();
        bool bold = false;
        bool code = false;
        for (int i = 0; i < encoded.Length; i++)
        {
            if (!code && i + 1 < encoded.Length && encoded[i] == '*' && encoded[i + 1] == '*')
            {
                sb.Append(bold ? "</strong>" : "<strong>");
                bold = !bold;
                i++;
            }
            else if (encoded[i] == '`')
            {
                sb.Append(code ? "</code>" : "<code>");
                code = !code;
            }
            else
            {
                sb.Append(encoded[i]);
            }
        }

        return sb.ToString();
    }

    internal abstract record Block;

    private sealed record HeadingBlock(int Level, string Text) : Block;

    private sealed record ParagraphBlock(string Text) : Block;

    private sealed record BulletBlock(IReadOnlyList<string> Items) : Block;

    private sealed record TableBlock(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, string? HighlightColumn) : Block;

    private sealed record ChartBlock(string Title, string Svg) : Block;
}
