namespace CreditAlt.Modeling.Training;

/// <summary>Training data below <see cref="TrainingMinimum"/>: the message says which part is short and by how much.</summary>
public sealed class InsufficientTrainingDataException(string message) : Exception(message);

/// <summary>
/// The least data a model is trained on (docs/scorecard.md §6): every part a model is fitted on or evaluated on — the
/// training split, the held-out split, each cross-validation fold — holds at least <see cref="PerClass"/> goods and
/// <see cref="PerClass"/> bads. Below that the binning has too few bads to place a bin and the AUC is undefined or
/// noise (20 applications at a 10 % bad rate give a held-out split with no bad at all: AUC NaN).
/// </summary>
public static class TrainingMinimum
{
    /// <summary>Goods, and bads, needed in each part.</summary>
    public const int PerClass = 10;

    /// <summary>The champion's and challenger's parts: the rows with enough history of the training and held-out splits.</summary>
    /// <param name="acceptedOnly">Training uses observed outcomes only: the training split's observed part is checked instead.</param>
    public static void CheckPortfolio(PortfolioDataSet data, int seed, bool acceptedOnly = false)
    {
        var sufficient = ChampionTraining.SufficientRows(data);
        var (train, heldOut, outOfTime, _) = DevelopmentSplit.Of(data, seed);
        var parts = new List<(string, int[])>
        {
            (acceptedOnly ? "training split's observed outcomes" : "training split", acceptedOnly ? [.. train.Where(i => data.Observed[i])] : train),
            ("held-out split", heldOut),
        };
        if (outOfTime.Length > 0) parts.Add(("out-of-time sample", outOfTime));
        foreach (var (part, rows) in parts)
        {
            Check(data.Count, $"the {part} (applications with enough history for a decision)", rows.Where(i => sufficient[i]).Select(i => data.IsBad[i]));
        }
    }

    /// <summary>A table's parts: with <paramref name="folds"/>, each fold as the cross-validation deals them; else the whole table.</summary>
    public static void CheckTable(bool[] isBad, int? folds, int seed)
    {
        if (folds is not { } k)
        {
            Check(isBad.Length, "the table", isBad);
            return;
        }

        var fold = TableTraining.AssignFolds(isBad, k, seed);
        for (var f = 0; f < k; f++)
        {
            Check(isBad.Length, $"fold {f + 1} of {k}", Enumerable.Range(0, isBad.Length).Where(i => fold[i] == f).Select(i => isBad[i]));
        }
    }

    private static void Check(int total, string part, IEnumerable<bool> isBad)
    {
        int bads = 0, goods = 0;
        foreach (var b in isBad)
        {
            if (b) bads++;
            else goods++;
        }

        if (goods < PerClass || bads < PerClass)
        {
            throw new InsufficientTrainingDataException(
                $"too little data to train on {total} rows: {part} holds {goods} {(goods == 1 ? "good" : "goods")} and {bads} {(bads == 1 ? "bad" : "bads")}; every part a model is fitted or evaluated on needs at least {PerClass} of each (docs/scorecard.md §6)");
        }
    }
}
