using CreditAlt.Core.Scoring;

namespace CreditAlt.Modeling.Challenger;

/// <summary>
/// Puts the challenger on the champion's published scale (<see cref="ScoreScaling"/>), so that one set of
/// cut-offs means the same odds for both: points = offset + factor · ln(odds good), rounded half away
/// from zero to whole points, then clamped to the range.
/// </summary>
public static class ChallengerPoints
{
    /// <summary>Points before rounding and clamping.</summary>
    public static double Unrounded(ScoreScaling scaling, double logOddsGood) => scaling.Offset + scaling.Factor * logOddsGood;

    /// <summary>Published whole points.</summary>
    public static int FromLogOdds(ScoreScaling scaling, double logOddsGood)
    {
        var raw = Unrounded(scaling, logOddsGood);
        if (double.IsNaN(raw)) throw new ArgumentException("Log-odds must be a number.", nameof(logOddsGood));
        return (int)Math.Clamp(Math.Round(raw, MidpointRounding.AwayFromZero), scaling.MinScore, scaling.MaxScore);
    }

    /// <summary>Published whole points for a probability of default in (0, 1).</summary>
    public static int FromProbability(ScoreScaling scaling, double probabilityOfDefault) =>
        FromLogOdds(scaling, Math.Log(1 - probabilityOfDefault) - Math.Log(probabilityOfDefault));
}
