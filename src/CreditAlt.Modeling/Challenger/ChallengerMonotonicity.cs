using CreditAlt.Core.Attributes;

namespace CreditAlt.Modeling.Challenger;

/// <summary>How far the challenger's predictions move against one attribute's declared direction.</summary>
/// <param name="AttributeId">The attribute.</param>
/// <param name="Direction">Its declared direction.</param>
/// <param name="GridValues">The values it was set to (observed, non-missing, non-special, ascending).</param>
/// <param name="Applicants">Applicants whose individual curves (ICE) were traced.</param>
/// <param name="ShareViolating">Share of those applicants whose PD moves against the direction anywhere on the grid by more than the tolerance.</param>
/// <param name="ShareViolatingMaterially">Share whose PD moves against the direction by more than <see cref="ChallengerMonotonicity.Material"/> (half a percentage point).</param>
/// <param name="MaxViolation">Largest move against the direction on any applicant's curve, in probability of default (0 when none).</param>
/// <param name="PartialDependenceViolation">Largest move against the direction of the average curve (partial dependence), in probability of default.</param>
public sealed record AttributeMonotonicity(
    string AttributeId,
    RiskDirection Direction,
    IReadOnlyList<double> GridValues,
    int Applicants,
    double ShareViolating,
    double ShareViolatingMaterially,
    double MaxViolation,
    double PartialDependenceViolation);

/// <summary>
/// ML.NET's tree learners take no monotone constraints, so the challenger's monotonicity is measured
/// after training: each attribute in turn is set to every value of a grid while the applicant's other
/// attributes stay as they are (individual conditional expectation), and every curve is checked
/// against the attribute's declared direction.
/// </summary>
public static class ChallengerMonotonicity
{
    /// <value>Moves in PD smaller than this are noise of single-precision arithmetic, not violations.</value>
    public const double Tolerance = 1e-9;

    /// <value>A move against the direction larger than this (0.005 = half a percentage point of PD) is reported as material.</value>
    public const double Material = 0.005;

    /// <summary>
    /// Measures every attribute. <paramref name="predict"/> maps rows (row-major, <paramref name="sample"/>'s
    /// column count) to probabilities of default. The grid is each attribute's distinct observed values when
    /// there are at most <paramref name="gridPoints"/>, otherwise that many quantiles (deduplicated); missing and
    /// special values are left out, since they have no place on the number line.
    /// </summary>
    public static IReadOnlyList<AttributeMonotonicity> Measure(
        ChallengerDataSet sample,
        IReadOnlyList<AttributeDefinition> attributes,
        Func<float[], double[]> predict,
        int gridPoints = 20)
    {
        var results = new List<AttributeMonotonicity>(attributes.Count);
        var n = sample.Rows;
        var columns = sample.Columns;
        for (var a = 0; a < attributes.Count; a++)
        {
            var attribute = attributes[a];
            var grid = Grid(sample, a, attribute, gridPoints);
            if (grid.Length < 2 || n == 0)
            {
                results.Add(new AttributeMonotonicity(attribute.Id, attribute.Direction, grid, n, 0, 0, 0, 0));
                continue;
            }

            var rows = new float[n * grid.Length * columns];
            for (var i = 0; i < n; i++)
            {
                var source = sample.Row(i);
                for (var g = 0; g < grid.Length; g++)
                {
                    var target = rows.AsSpan((i * grid.Length + g) * columns, columns);
                    source.CopyTo(target);
                    target[a] = (float)grid[g];
                }
            }

            var pd = predict(rows);
            var sign = attribute.Direction == RiskDirection.HigherIsRiskier ? 1.0 : -1.0;
            var average = new double[grid.Length];
            int violating = 0, material = 0;
            double worst = 0;
            for (var i = 0; i < n; i++)
            {
                var curve = pd.AsSpan(i * grid.Length, grid.Length);
                for (var g = 0; g < grid.Length; g++) average[g] += curve[g] / n;
                var v = Violation(curve, sign);
                if (v > Tolerance) violating++;
                if (v > Material) material++;
                if (v > worst) worst = v;
            }

            var pdViolation = Violation(average, sign);
            results.Add(new AttributeMonotonicity(attribute.Id, attribute.Direction, grid, n,
                (double)violating / n, (double)material / n, worst, pdViolation > Tolerance ? pdViolation : 0));
        }

        return results;
    }

    /// <summary>
    /// The largest drop of <paramref name="sign"/>·PD along the curve from any earlier point to any later
    /// one: with sign +1 (higher is riskier) PD should never fall as the value grows.
    /// </summary>
    public static double Violation(ReadOnlySpan<double> curve, double sign)
    {
        double peak = double.NegativeInfinity, worst = 0;
        foreach (var p in curve)
        {
            var v = sign * p;
            if (v > peak) peak = v;
            if (peak - v > worst) worst = peak - v;
        }

        return worst;
    }

    /// <summary>The ascending grid of one column: all distinct ordinary values, or quantiles of them when there are more than <paramref name="points"/>.</summary>
    public static double[] Grid(ChallengerDataSet sample, int column, AttributeDefinition attribute, int points)
    {
        var values = new List<double>(sample.Rows);
        for (var i = 0; i < sample.Rows; i++)
        {
            double v = sample.Row(i)[column];
            if (double.IsNaN(v) || attribute.IsSpecial(v)) continue;
            values.Add(v);
        }

        values.Sort();
        var distinct = values.Distinct().ToArray();
        if (distinct.Length <= points) return distinct;
        var grid = new SortedSet<double>();
        for (var k = 0; k < points; k++)
        {
            // Nearest-rank quantile k/(points-1), so the grid spans minimum to maximum.
            var index = (int)Math.Round((double)k * (values.Count - 1) / (points - 1), MidpointRounding.AwayFromZero);
            grid.Add(values[index]);
        }

        return [.. grid];
    }
}
