namespace CreditAlt.Portfolio.Synthetic;

/// <summary>
/// xoshiro256** (Blackman and Vigna, 2018) seeded through SplitMix64. Written out here, rather than
/// System.Random, because the generator promises the same bytes for the same seed and System.Random's
/// algorithm is not specified. Each application gets its own stream from (seed, index), so chunks
/// can be generated in parallel and still come out identical.
/// </summary>
public struct Xoshiro256
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareNormal;
    private bool _hasSpare;

    public Xoshiro256(ulong seed, ulong stream)
    {
        var x = seed ^ (stream * 0xD1B54A32D192ED03UL);
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
        _spareNormal = 0;
        _hasSpare = false;
    }

    public static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [min, max] (inclusive), by Lemire's multiply-shift (bias below 2^-32 for these ranges).</summary>
    public int Between(int min, int max) => min + (int)(((NextUInt64() >> 32) * (ulong)(max - min + 1)) >> 32);

    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Standard normal by the Marsaglia polar method.</summary>
    public double NextNormal()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareNormal;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        }
        while (s >= 1 || s == 0);
        var f = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareNormal = v * f;
        _hasSpare = true;
        return u * f;
    }

    /// <summary>Picks an index with the given weights (they need not sum to 1).</summary>
    public int Pick(ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights) total += w;
        var x = NextDouble() * total;
        for (var i = 0; i < weights.Length - 1; i++)
        {
            x -= weights[i];
            if (x < 0) return i;
        }
        return weights.Length - 1;
    }

    /// <summary>Poisson by inversion; fine for the small means used here.</summary>
    public int Poisson(double mean)
    {
        var l = Math.Exp(-mean);
        var k = 0;
        var p = NextDouble();
        var cdf = l;
        var term = l;
        while (p > cdf && k < 100)
        {
            k++;
            term *= mean / k;
            cdf += term;
        }
        return k;
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
