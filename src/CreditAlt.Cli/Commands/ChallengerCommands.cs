using System.Globalization;
using CreditAlt.Modeling.Challenger;

namespace CreditAlt.Cli.Commands;

/// <summary>
/// The challenger's side of the verbs: recognising and loading a challenger model directory (its metadata.json says
/// <c>"kind": "challenger"</c>) for <c>score</c>, <c>explain</c> and <c>monitor</c>, and <c>train --model challenger</c>.
/// </summary>
internal static class ChallengerCommands
{
    /// <summary>True when <paramref name="modelPath"/> is a directory holding a challenger.</summary>
    public static bool IsChallenger(string modelPath) => Directory.Exists(modelPath) && ChallengerModel.IsChallengerDirectory(modelPath);

    public static ChallengerModel Load(string modelPath)
    {
        try
        {
            return ChallengerModel.Load(modelPath);
        }
        catch (InvalidDataException ex)
        {
            throw new UserInputException(ex.Message);
        }
    }

    public static int Train(string data, string outDir, int seed)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = AtomicOutput.WriteDirectory(outDir, "--out", staging =>
            CliProgress.Stages("Fingerprinting input files", progress => ChallengerTraining.Run(data, staging, seed, progress)));

        var r = result.Evaluation;
        var m = result.Model.Metadata;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Trained {m.ModelId} {m.ModelVersion} on {result.TrainRows} applications (LightGBM {result.TrainingTime.TotalSeconds:0.0} s, run {watch.Elapsed.TotalSeconds:0.0} s): {m.Attributes.Count} attributes, cut-offs approve >= {m.Policy.ApproveAt}, decline < {m.Policy.DeclineBelow}"));
        var challenger = r.Models[0];
        var line = string.Create(CultureInfo.InvariantCulture,
            $"Held-out ({r.Evaluated} evaluated of {r.Applicants}): AUC {r.Auc:0.0000}, Gini {r.Gini:0.0000}, KS {r.Ks:0.0000}, Brier {r.Brier:0.0000}");
        if (r.OracleAuc is { } o) line += string.Create(CultureInfo.InvariantCulture, $", oracle AUC {o:0.0000} (gap {o - r.Auc:0.0000})");
        if (r.Bureau?.Auc is { } b)
            line += string.Create(CultureInfo.InvariantCulture, $"; on {r.WithBureauScore} with a bureau score: challenger {challenger.AucWithBureau:0.0000} vs bureau {b:0.0000}");
        Console.WriteLine(line);
        var worst = r.Monotonicity?.OrderByDescending(a => a.ShareViolating).FirstOrDefault();
        if (worst is not null)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Monotonicity: {r.Monotonicity!.Count(a => a.ShareViolating > 0)} of {r.Monotonicity!.Count} attributes move against their direction for some applicants; worst {worst.AttributeId} ({worst.ShareViolating:P1} of applicants, max {worst.MaxViolation:0.0000} PD)"));
        Console.WriteLine($"Wrote {Path.Combine(outDir, ChallengerModel.ModelFile)}, {ChallengerModel.MetadataFile}, evaluation.json, evaluation.md");
        return 0;
    }
}
