using System.Globalization;
using CreditAlt.Core.Applications;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace CreditAlt.Notices;

/// <summary>
/// The notice as a print-ready letter (PDFsharp): US Letter, the creditor's block top left (the return address of a #10
/// double-window envelope), the date, the applicant's name and address where the recipient window is (when the
/// application carries them), then the same sections as the HTML page, wrapped and paged.
/// </summary>
public static class NoticeLetter
{
    private const double Inch = 72;
    private const double Left = 0.875 * Inch;
    private const double Right = 8.5 * Inch - 0.875 * Inch;
    private const double Bottom = 11 * Inch - 0.75 * Inch;
    private const string Family = "DejaVu Serif";

    /// <summary>Body lines that must fit under a heading on the same page (keep-with-next).</summary>
    private const int KeepWithNextLines = 2;

    private const double BodyLineHeight = 10 * 1.35;

    private static readonly Lock FontsLock = new();
    private static bool _fontsSet;

    public static byte[] Render(NoticeResponse n, MailingAddress? applicant)
    {
        EnsureFonts();
        using var document = new PdfDocument();
        document.Info.Title = n.IsAdverseAction ? "Notice of action taken on your credit application" : "About the decision on your credit application";
        document.Info.Author = n.Creditor;
        var writer = new Writer(document);

        // Return address (envelope's upper window) and date.
        writer.At(0.5 * Inch, 0.625 * Inch, n.Creditor, bold: true);
        writer.At(0.5 * Inch, 0.625 * Inch + 13, n.CreditorAddress);
        var date = n.DecisionDate.UtcDateTime.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);
        writer.AtRight(0.625 * Inch, date);
        // Recipient (the lower window: 2 in from the top, 0.875 in from the left).
        if (applicant is not null)
        {
            var y = 2.0 * Inch;
            writer.At(Left, y, applicant.Name);
            foreach (var line in applicant.AddressLines)
                writer.At(Left, y += 13, line);
        }

        writer.Y = 3.5 * Inch;
        writer.Heading(document.Info.Title, 14);
        writer.Paragraph($"Decision {n.DecisionId} · {date}" + (n.Versions > 1 ? $" · notice version {n.Version} of {n.Versions}" : ""), 9);
        writer.Section("Action taken", n.ActionTaken);
        if (n.Counteroffer is { } c)
            writer.Section("Our counteroffer", c.Wording);
        if (n.Incompleteness is { } inc)
        {
            writer.Section("What we need from you", inc.Wording);
            foreach (var m in inc.Missing)
                writer.Paragraph("•  " + m);
        }
        if (n.PrincipalReasons.Count > 0)
        {
            writer.Heading(n.Decision == "insufficient_data" ? "Why we could not decide" : "Principal reasons for our decision");
            var i = 1;
            foreach (var r in n.PrincipalReasons)
                writer.Paragraph($"{i++}.  {r.Sentence} ({r.Code})");
        }
        if (n.Score is { } s)
        {
            writer.Section("Your credit score",
                $"Your score: {s.Value.ToString(CultureInfo.InvariantCulture)}, on a scale from {s.Minimum.ToString(CultureInfo.InvariantCulture)} (highest risk) to " +
                $"{s.Maximum.ToString(CultureInfo.InvariantCulture)} (lowest risk). Created on {s.Date.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)} by {s.ProvidedBy}.");
            if (s.KeyFactors.Count > 0)
            {
                writer.KeepTogether(2 * BodyLineHeight + 3);
                writer.Paragraph("Key factors that adversely affected your score:");
                foreach (var f in s.KeyFactors)
                    writer.Paragraph("•  " + f);
            }
        }
        if (n.Recourse is { } recourse && recourse.Summary.Count > 0)
        {
            writer.Heading("What would change the outcome");
            foreach (var line in recourse.Summary)
                writer.Paragraph(line);
        }
        if (n.Disputes is { Count: > 0 } disputes)
        {
            writer.Heading("Your disputes");
            foreach (var d in disputes)
                writer.Paragraph(d.Wording);
        }
        writer.Heading("The information we used");
        foreach (var a in n.AccountsUsed)
            writer.Paragraph($"•  {a.Type}, reported by {a.Furnisher}, account {a.AccountReference}: {a.PaymentRecords.ToString(CultureInfo.InvariantCulture)} payment records");
        writer.Paragraph(n.CashFlowMonthsUsed > 0
            ? $"We also used {n.CashFlowMonthsUsed.ToString(CultureInfo.InvariantCulture)} month(s) of bank account cash flow."
            : "No bank account data was shared or used.");
        if (n.PaymentsFound is { } found)
        {
            // As in the HTML page: every payment found, by payee and month, so the applicant can dispute a wrong inference.
            writer.Heading("Payments we found in your bank transactions");
            writer.Paragraph(found.Explanation);
            foreach (var payee in found.Payees)
            {
                writer.KeepTogether(BodyLineHeight + 3 + 3 * TableLineHeight); // the payee's line stays with the table's header and first rows
                writer.Paragraph($"{payee.Payee} ({payee.Type}, account {payee.AccountId}, about {payee.MonthlyAmount.ToString("#,0.00", CultureInfo.InvariantCulture)} a month)", bold: true);
                writer.Table(PaymentColumns, payee.Months.Select(m => new[]
                {
                    m.Month, Day(m.DueDate), m.AmountDue.ToString("#,0.00", CultureInfo.InvariantCulture), m.PaidDate is { } paid ? Day(paid) : "none",
                    m.AmountPaid.ToString("#,0.00", CultureInfo.InvariantCulture), m.Status,
                }));
            }
        }
        if (n.ConsumerReports is { } reports)
        {
            writer.Heading("Consumer reports");
            if (reports.Statement is { } statement)
                writer.Paragraph(statement);
            foreach (var agency in reports.Agencies)
            {
                writer.KeepTogether(3 * BodyLineHeight); // the agency's name line stays with its first statement
                writer.Paragraph($"{agency.Name}, {agency.Address}, {agency.Phone}", bold: true);
                foreach (var line in agency.Statements)
                    writer.Paragraph("•  " + line);
            }
        }
        writer.Section("How to get more detail", n.MoreDetail);
        writer.Section("How to dispute an item", n.Dispute);
        writer.Section("Your rights under the Equal Credit Opportunity Act", n.EcoaNotice);

        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    private const double TableLineHeight = 9 * 1.35;

    /// <summary>The payments table: heading, width in points (of the 486 between the margins), right-aligned.</summary>
    private static readonly (string Heading, double Width, bool Right)[] PaymentColumns =
    [
        ("Month", 52, false), ("Due", 84, false), ("Amount due", 70, true), ("Payment found", 92, false), ("Amount paid", 70, true), ("Counted as", 118, false),
    ];

    private static string Day(DateOnly d) => d.ToString("MMM d, yyyy", CultureInfo.InvariantCulture);

    /// <summary>Lays text out top to bottom, wrapping at the margins and starting a new page when one is full.</summary>
    private sealed class Writer
    {
        private readonly PdfDocument _document;
        private XGraphics _gfx;

        public Writer(PdfDocument document)
        {
            _document = document;
            _gfx = NewPage();
        }

        public double Y { get; set; }

        private XGraphics NewPage()
        {
            var page = _document.AddPage();
            page.Size = PdfSharp.PageSize.Letter;
            return XGraphics.FromPdfPage(page);
        }

        private static XFont Font(double size, bool bold) => new(Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);

        public void At(double x, double y, string text, bool bold = false) =>
            _gfx.DrawString(text, Font(10, bold), XBrushes.Black, new XPoint(x, y), XStringFormats.TopLeft);

        public void AtRight(double y, string text)
        {
            var font = Font(10, false);
            _gfx.DrawString(text, font, XBrushes.Black, new XPoint(Right - _gfx.MeasureString(text, font).Width, y), XStringFormats.TopLeft);
        }

        /// <summary>
        /// A section heading, kept with what follows it: when the heading and the first <see cref="KeepWithNextLines"/> body
        /// lines do not fit on this page, the heading starts the next page rather than sitting alone at the bottom.
        /// </summary>
        public void Heading(string text, double size = 11.5)
        {
            Y += 8;
            KeepTogether(Lines(text, size, bold: true) * size * 1.35 + 3 + KeepWithNextLines * BodyLineHeight);
            Paragraph(text, size, bold: true);
        }

        /// <summary>Starts a new page unless <paramref name="height"/> points still fit on this one.</summary>
        public void KeepTogether(double height)
        {
            if (Y + height > Bottom)
                BreakPage();
        }

        private int Lines(string text, double size, bool bold) => Wrap(text, Font(size, bold), Right - Left).Count();

        private void BreakPage()
        {
            _gfx.Dispose();
            _gfx = NewPage();
            Y = 0.75 * Inch;
        }

        public void Section(string heading, string text)
        {
            Heading(heading);
            Paragraph(text);
        }

        public void Paragraph(string text, double size = 10, bool bold = false)
        {
            var font = Font(size, bold);
            var lineHeight = size * 1.35;
            foreach (var line in Wrap(text, font, Right - Left))
            {
                if (Y + lineHeight > Bottom)
                    BreakPage();
                _gfx.DrawString(line, font, XBrushes.Black, new XPoint(Left, Y), XStringFormats.TopLeft);
                Y += lineHeight;
            }
            Y += 3;
        }

        /// <summary>
        /// A table of short cells (9 pt, one line each): the header in bold over a rule, repeated at the top of a new page
        /// when the rows go on there.
        /// </summary>
        public void Table((string Heading, double Width, bool Right)[] columns, IEnumerable<string[]> rows)
        {
            var font = Font(9, false);
            var bold = Font(9, true);
            void Row(string[] cells, XFont f)
            {
                var x = Left;
                for (var i = 0; i < columns.Length; i++)
                {
                    var (_, width, right) = columns[i];
                    var at = right ? x + width - 8 - _gfx.MeasureString(cells[i], f).Width : x;
                    _gfx.DrawString(cells[i], f, XBrushes.Black, new XPoint(at, Y), XStringFormats.TopLeft);
                    x += width;
                }
                Y += TableLineHeight;
            }
            void Header()
            {
                Row([.. columns.Select(c => c.Heading)], bold);
                _gfx.DrawLine(XPens.Gray, Left, Y - 1.5, Left + columns.Sum(c => c.Width), Y - 1.5);
                Y += 1.5;
            }

            KeepTogether(3 * TableLineHeight);
            Header();
            foreach (var cells in rows)
            {
                if (Y + TableLineHeight > Bottom)
                {
                    BreakPage();
                    Header();
                }
                Row(cells, font);
            }
            Y += 6;
        }

        private IEnumerable<string> Wrap(string text, XFont font, double width)
        {
            var line = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && _gfx.MeasureString(candidate, font).Width > width)
                {
                    yield return line;
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }
            if (line.Length > 0)
                yield return line;
        }
    }

    private static void EnsureFonts()
    {
        lock (FontsLock)
        {
            if (_fontsSet)
                return;
            if (GlobalFontSettings.FontResolver is null)
                GlobalFontSettings.FontResolver = new EmbeddedFonts();
            _fontsSet = true;
        }
    }

    /// <summary>DejaVu Serif (free licence), embedded in the assembly: no system font is looked up, so letters look the same on every host.</summary>
    private sealed class EmbeddedFonts : IFontResolver
    {
        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            new(bold ? "DejaVuSerif-Bold" : "DejaVuSerif");

        public byte[]? GetFont(string faceName)
        {
            using var stream = typeof(NoticeLetter).Assembly.GetManifestResourceStream($"CreditAlt.Notices.Letters.Fonts.{faceName}.ttf")
                ?? throw new InvalidOperationException($"font {faceName} is not embedded");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
