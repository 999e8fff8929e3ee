namespace CreditAlt.Modeling.Challenger;

/// <summary>Chooses principal reasons from feature contributions to the raw risk score.</summary>
public static class ChallengerReasons
{
    /// <summary>
    /// Writes into <paramref name="chosen"/> the indices of the largest contributions that raised risk by at
    /// least <paramref name="minimum"/> (and by more than zero), largest first, at most <paramref name="chosen"/>.Length
    /// of them; equal contributions keep index (catalogue) order. Returns how many were chosen. Zero, negative
    /// and NaN contributions are never chosen: an attribute that did not raise risk is not a reason.
    /// </summary>
    public static int Select(ReadOnlySpan<float> contributions, float minimum, Span<int> chosen)
    {
        var max = chosen.Length;
        var count = 0;
        for (var i = 0; i < contributions.Length; i++)
        {
            var c = contributions[i];
            if (!(c > 0 && c >= minimum)) continue;
            // Insertion into a short sorted list; strict "<" keeps earlier indices ahead on ties.
            var at = count;
            while (at > 0 && contributions[chosen[at - 1]] < c) at--;
            if (at >= max) continue;
            for (var k = Math.Min(count, max - 1); k > at; k--) chosen[k] = chosen[k - 1];
            chosen[at] = i;
            if (count < max) count++;
        }

        return count;
    }
}
