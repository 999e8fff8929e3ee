namespace CreditAlt.Modeling.Training;

/// <summary>
/// The rows a model is developed and judged on. One as-of date: the seeded 70/30 split of every row, as always.
/// Several as-of dates (vintages, docs/synthetic-data.md): the latest vintage is the out-of-time sample, never
/// trained on, and the seeded 70/30 split is drawn from the earlier vintages (development and its held-out part).
/// Champion, challenger and comparison use the same split, so they are judged on the same applicants.
/// </summary>
public sealed record DevelopmentSplit(int[] Train, int[] HeldOut, int[] OutOfTime, DateOnly? OutOfTimeAsOf)
{
    public bool HasOutOfTime => OutOfTime.Length > 0;

    public static DevelopmentSplit Of(PortfolioDataSet data, int seed)
    {
        if (data.Count == 0 || data.AsOf.Length != data.Count || data.AsOf.Min() == data.AsOf.Max())
        {
            var (train, heldOut) = PortfolioDataSet.Split(data.Count, ChampionTraining.HeldOutShare, seed);
            return new DevelopmentSplit(train, heldOut, [], null);
        }

        var latest = data.AsOf.Max();
        var development = Enumerable.Range(0, data.Count).Where(i => data.AsOf[i] < latest).ToArray();
        var outOfTime = Enumerable.Range(0, data.Count).Where(i => data.AsOf[i] == latest).ToArray();
        var (t, h) = PortfolioDataSet.Split(development.Length, ChampionTraining.HeldOutShare, seed);
        return new DevelopmentSplit([.. t.Select(k => development[k])], [.. h.Select(k => development[k])], outOfTime, latest);
    }
}
