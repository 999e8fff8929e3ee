using CreditAlt.Modeling.Scorecards;
using CreditAlt.Modeling.Training;

namespace CreditAlt.Modeling.Tests.Training;

public sealed class GermanCreditTests
{
    internal static readonly string GermanCsv = FindGermanCredit();

    private static readonly string[] Protected = ["Age", "Personal.*"];

    /// <summary>The copy in data-samples/german-credit (the repository root is the directory holding CreditAlt.sln).</summary>
    internal static string FindGermanCredit()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CreditAlt.sln")))
                return Path.Combine(dir.FullName, "data-samples", "german-credit", "german_credit.csv");
        }

        throw new FileNotFoundException("CreditAlt.sln not found above the test directory " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Read_ExcludesProtectedColumnsAndTarget()
    {
        var table = NumericTable.Read(GermanCsv, "Class", "Bad", Protected);
        Assert.Equal(1000, table.IsBad.Length);
        Assert.Equal(300, table.IsBad.Count(b => b));
        Assert.DoesNotContain("Age", table.Columns);
        Assert.DoesNotContain(table.Columns, c => c.StartsWith("Personal.", StringComparison.Ordinal));
        Assert.DoesNotContain("Class", table.Columns);
        Assert.Equal(62 - 1 - 1 - 5, table.Columns.Count); // 62 columns less Class, Age and five Personal.*
    }

    [Fact]
    public void CrossValidate_FiveFolds_AucAtLeast077()
    {
        var table = NumericTable.Read(GermanCsv, "Class", "Bad", Protected);
        var cv = TableTraining.CrossValidate(table, 5, new ScorecardTrainingOptions { Seed = 7 });
        Assert.True(cv.MeanAuc >= 0.77, $"5-fold AUC {cv.MeanAuc:0.0000} ({string.Join(", ", cv.FoldAucs.Select(a => a.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)))})");
    }
}
