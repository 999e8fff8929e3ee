using CreditAlt.Fairness.Audit;

namespace CreditAlt.Fairness.Drivers;

/// <summary>
/// One model attribute (or the missing-data indicator of one) as a possible driver of a disparity: the points the
/// model gave each applicant for it and the points that count as neutral (the attribute's WoE-0 bin).
/// </summary>
/// <param name="Name">The attribute id (for a missing-data row: "ATTRIBUTE missing").</param>
/// <param name="Kind">"attribute" or "missing-data".</param>
/// <param name="Values">What proxy strength and information value are measured on: the attribute's points (its values as the model sees them), or 1/0 for missing/present.</param>
/// <param name="Points">Points per applicant that are replaced by <paramref name="NeutralPoints"/> to measure the contribution.</param>
public sealed record DriverColumn(string Name, string Kind, double[] Values, int[] Points, int NeutralPoints);

/// <summary>
/// What the driver analysis needs from a points model: the decisions it made (inside <see cref="Audit"/>, whose
/// favourable flag is "approved"), each applicant's score, whether the model's score decided the applicant (applicants
/// with too little history are never approved, whatever the points), and the approve cut-off. Built by the host from a
/// model and a portfolio; this assembly knows no model.
/// </summary>
public sealed record DriverInput(AuditInput Audit, int[] Scores, bool[] Decided, int ApproveAt, IReadOnlyList<DriverColumn> Columns, string ModelDescription);

/// <summary>Thresholds of the LDA-candidate mark (docs/fairness.md, "Drivers and proxies").</summary>
public sealed record DriverOptions
{
    /// <summary>A proxy is strong when max(AUC, 1 − AUC) reaches this.</summary>
    /// <value>0.60</value>
    public double StrongProxy { get; init; } = 0.60;

    /// <summary>An attribute moves an AIR when neutralising it raises the AIR by at least this.</summary>
    /// <value>0.005</value>
    public double MovesAir { get; init; } = 0.005;
}

/// <summary>One attribute's figures for one protected group against its control group.</summary>
/// <param name="ProxyAuc">AUC of the attribute alone at telling the protected group (positive) from the control group: below 0.5 the group has fewer points.</param>
/// <param name="Contribution">AIR with the attribute neutral minus AIR today: positive when the attribute lowers the group's AIR.</param>
public sealed record DriverGroup(string Attribute, string Group, string Control, double ProxyAuc, double AirToday, double AirNeutral, double Contribution)
{
    /// <summary>max(AUC, 1 − AUC): 0.5 is no separation, 1 complete.</summary>
    public double ProxyStrength => Math.Max(ProxyAuc, 1 - ProxyAuc);
}

/// <summary>One driver row: the attribute's information value and its figures per protected group.</summary>
public sealed record DriverRow(string Name, string Kind, double InformationValue, IReadOnlyList<DriverGroup> Groups, bool LdaCandidate)
{
    /// <summary>The largest contribution over the protected groups (the sort key of the table).</summary>
    public double MaxContribution => Groups.Count == 0 ? 0 : Groups.Max(g => g.Contribution);
}

/// <summary>The driver and proxy table, sorted by <see cref="DriverRow.MaxContribution"/>, largest first.</summary>
/// <param name="MedianInformationValue">Median IV of the model's attributes: an LDA candidate adds less than this.</param>
public sealed record DriverReport(string ModelDescription, int ApproveAt, IReadOnlyList<DriverRow> Rows, DriverOptions Options, double MedianInformationValue);

/// <summary>
/// Drivers and proxies: for each model attribute, how well it alone separates each protected group from its control
/// group (proxy AUC), how much of each AIR it accounts for (the AIR when its points are replaced by its neutral points,
/// every applicant re-decided with the model's cut-off, minus today's AIR) and its information value; attributes that
/// are strong proxies, move an AIR and carry less than the median information value are marked as the first
/// candidates for the less-discriminatory-alternative search.
/// </summary>
public static class DriverAnalysis
{
    public static DriverReport Run(DriverInput input, AuditOptions options, DriverOptions? driverOptions = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        var d = driverOptions ?? new DriverOptions();
        var audit = input.Audit;
        // Single attributes only: intersections are too small to attribute a gap to one model attribute.
        var single = options with { Intersections = false };
        var today = AuditEngine.Run(Decisions(audit, audit.Favorable), single);
        var rows = new List<DriverRow>();
        foreach (var column in input.Columns)
        {
            var favorable = new bool[audit.RowCount];
            for (int i = 0; i < favorable.Length; i++)
            {
                favorable[i] = input.Decided[i] && input.Scores[i] - column.Points[i] + column.NeutralPoints >= input.ApproveAt;
            }

            var neutral = AuditEngine.Run(Decisions(audit, favorable), single);
            var groups = new List<DriverGroup>();
            foreach (var (attribute, result) in audit.Attributes.OfType<CategoricalAttribute>().Select(a => (a, today.Attributes.First(r => r.Attribute == a.Name))))
            {
                if (result.Reference is null)
                {
                    continue;
                }

                var control = result.ControlMembers.Count > 0 ? result.ControlMembers : [result.Reference];
                var controlCodes = control.Select(l => IndexOf(attribute.Groups, l)).Where(c => c >= 0).ToHashSet();
                var after = neutral.Attributes.First(r => r.Attribute == attribute.Name);
                foreach (var g in result.Groups.Where(g => g.Judged && g.Air is not null))
                {
                    int code = IndexOf(attribute.Groups, g.Group);
                    double airNeutral = after.Groups.First(x => x.Group == g.Group).Air ?? double.NaN;
                    groups.Add(new DriverGroup(attribute.Name, g.Group, result.Reference, Auc(column.Values, attribute.Codes, code, controlCodes), g.Air!.Value, airNeutral, airNeutral - g.Air.Value));
                }
            }

            rows.Add(new DriverRow(column.Name, column.Kind, InformationValue(column.Values, audit.Outcomes), groups, false));
        }

        var ivs = rows.Where(r => r.Kind == "attribute" && !double.IsNaN(r.InformationValue)).Select(r => r.InformationValue).Order().ToList();
        double median = ivs.Count == 0 ? double.NaN : ivs.Count % 2 == 1 ? ivs[ivs.Count / 2] : (ivs[(ivs.Count / 2) - 1] + ivs[ivs.Count / 2]) / 2;
        var marked = rows.Select(r => r with
        {
            LdaCandidate = r.Kind == "attribute" && r.InformationValue < median
                && r.Groups.Any(g => g.ProxyStrength >= d.StrongProxy && g.Contribution >= d.MovesAir),
        });
        var sorted = marked.OrderByDescending(r => r.MaxContribution).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        return new DriverReport(input.ModelDescription, input.ApproveAt, sorted, d, median);
    }

    private static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (int i = 0; i < labels.Count; i++)
        {
            if (string.Equals(labels[i], label, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The audit input with other favourable flags (decision values are not carried: the AIR needs approval only).</summary>
    private static AuditInput Decisions(AuditInput input, bool[] favorable) => new(favorable, input.Attributes, outcomes: input.Outcomes);

    /// <summary>
    /// Mann–Whitney AUC of <paramref name="values"/> with rows of group <paramref name="positive"/> as positives and the
    /// control rows as negatives: P(positive's value &gt; control's) + ½ P(equal). NaN when either side is empty.
    /// </summary>
    public static double Auc(double[] values, int[] codes, int positive, IReadOnlySet<int> control)
    {
        var counts = new SortedDictionary<double, (long Pos, long Neg)>();
        long pos = 0, neg = 0;
        for (int i = 0; i < codes.Length; i++)
        {
            bool p = codes[i] == positive;
            if (!p && !control.Contains(codes[i]))
            {
                continue;
            }

            counts.TryGetValue(values[i], out var c);
            counts[values[i]] = p ? (c.Pos + 1, c.Neg) : (c.Pos, c.Neg + 1);
            if (p)
            {
                pos++;
            }
            else
            {
                neg++;
            }
        }

        if (pos == 0 || neg == 0)
        {
            return double.NaN;
        }

        // Walk the values upwards: each positive beats every negative below it and ties half with those at its value.
        double wins = 0;
        long negBelow = 0;
        foreach (var (_, c) in counts)
        {
            wins += c.Pos * (negBelow + (0.5 * c.Neg));
            negBelow += c.Neg;
        }

        return wins / ((double)pos * neg);
    }

    /// <summary>
    /// Information value of <paramref name="values"/> as bins (one bin per distinct value) against the observed outcome:
    /// Σ (g − b)·ln(g / b) over the bins' shares of goods and bads, with ½ added to an empty cell. NaN without outcomes.
    /// </summary>
    public static double InformationValue(double[] values, sbyte[]? outcomes)
    {
        if (outcomes is null)
        {
            return double.NaN;
        }

        var bins = new SortedDictionary<double, (double Good, double Bad)>();
        double goods = 0, bads = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (outcomes[i] < 0)
            {
                continue;
            }

            bins.TryGetValue(values[i], out var c);
            bins[values[i]] = outcomes[i] == 1 ? (c.Good, c.Bad + 1) : (c.Good + 1, c.Bad);
            if (outcomes[i] == 1)
            {
                bads++;
            }
            else
            {
                goods++;
            }
        }

        if (goods == 0 || bads == 0)
        {
            return double.NaN;
        }

        double iv = 0;
        foreach (var (_, c) in bins)
        {
            double g = (c.Good == 0 ? 0.5 : c.Good) / goods;
            double b = (c.Bad == 0 ? 0.5 : c.Bad) / bads;
            iv += (g - b) * Math.Log(g / b);
        }

        return iv;
    }
}
