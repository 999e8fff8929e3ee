namespace CreditAlt.Modeling.Challenger;

/// <summary>
/// Attribute values of many applicants, row-major, NaN for missing, with the outcome of each row
/// (true = defaulted). Single precision because that is what the tree learner consumes.
/// </summary>
public sealed class ChallengerDataSet
{
    public ChallengerDataSet(int columns, float[] values, bool[] bad)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (values.Length % columns != 0) throw new ArgumentException($"{values.Length} values do not fill rows of {columns}.", nameof(values));
        if (values.Length / columns != bad.Length) throw new ArgumentException($"{values.Length / columns} rows but {bad.Length} outcomes.", nameof(bad));
        Columns = columns;
        Values = values;
        Bad = bad;
    }

    public int Columns { get; }

    public int Rows => Bad.Length;

    public float[] Values { get; }

    public bool[] Bad { get; }

    public ReadOnlySpan<float> Row(int row) => Values.AsSpan(row * Columns, Columns);

    /// <summary>Builds a data set from double-precision attribute vectors (as <c>AttributeCalculator</c> fills them).</summary>
    public static ChallengerDataSet FromRows(IReadOnlyList<double[]> rows, IReadOnlyList<bool> bad, int columns)
    {
        var values = new float[rows.Count * columns];
        for (var r = 0; r < rows.Count; r++)
        {
            if (rows[r].Length < columns) throw new ArgumentException($"Row {r} has {rows[r].Length} values, expected {columns}.", nameof(rows));
            for (var c = 0; c < columns; c++) values[r * columns + c] = (float)rows[r][c];
        }

        return new ChallengerDataSet(columns, values, [.. bad]);
    }

    /// <summary>The rows at <paramref name="indices"/>, in that order.</summary>
    public ChallengerDataSet Subset(IReadOnlyList<int> indices)
    {
        var values = new float[indices.Count * Columns];
        var bad = new bool[indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            Row(indices[i]).CopyTo(values.AsSpan(i * Columns, Columns));
            bad[i] = Bad[indices[i]];
        }

        return new ChallengerDataSet(Columns, values, bad);
    }

    /// <summary>
    /// SHA-256 over the column count, every value's bits and every outcome: the same data in the same
    /// order gives the same fingerprint on every machine.
    /// </summary>
    public string Fingerprint()
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        Span<byte> buffer = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(buffer, Columns);
        hash.AppendData(buffer);
        foreach (var v in Values)
        {
            // One NaN bit pattern, whatever produced the missing value.
            var bits = float.IsNaN(v) ? BitConverter.SingleToInt32Bits(float.NaN) : BitConverter.SingleToInt32Bits(v);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(buffer, bits);
            hash.AppendData(buffer);
        }

        foreach (var b in Bad) hash.AppendData(b ? [1] : [0]);
        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
