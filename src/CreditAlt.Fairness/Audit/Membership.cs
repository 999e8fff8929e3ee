namespace CreditAlt.Fairness.Audit;

/// <summary>
/// Group membership of each row for one audited attribute or intersection: either one group per row (codes) or
/// a weight per group (proxies, and intersections involving them). The missing group is the last index.
/// </summary>
internal sealed class Membership
{
    private readonly IReadOnlyList<ProtectedAttribute> _components;
    private readonly int[] _strides;

    public Membership(IReadOnlyList<ProtectedAttribute> components)
    {
        _components = components;
        Name = string.Join(" × ", components.Select(c => c.Name));
        IsProxy = components.Any(c => c is ProxyAttribute);
        IsIntersection = components.Count > 1;
        _strides = new int[components.Count];
        int size = 1;
        for (int i = components.Count - 1; i >= 0; i--)
        {
            _strides[i] = size;
            size = checked(size * components[i].Groups.Count);
        }

        var labels = new List<string>(size + 1);
        for (int g = 0; g < size; g++)
        {
            labels.Add(string.Join(" × ", components.Select((c, i) => c.Groups[g / _strides[i] % c.Groups.Count])));
        }

        labels.Add(MissingLabel);
        Groups = labels;
    }

    /// <summary>Label of the row for applicants without demographics.</summary>
    public const string MissingLabel = "(missing)";

    public string Name { get; }

    public bool IsProxy { get; }

    public bool IsIntersection { get; }

    public IReadOnlyList<ProtectedAttribute> Components => _components;

    /// <summary>Mixed-radix strides: group code = Σ component code × stride.</summary>
    public IReadOnlyList<int> Strides => _strides;

    /// <summary>Group labels; the last is the missing row.</summary>
    public IReadOnlyList<string> Groups { get; }

    public int MissingIndex => Groups.Count - 1;

    /// <summary>Group code per row for all-categorical memberships (missing → <see cref="MissingIndex"/>).</summary>
    public int[] Codes()
    {
        int n = _components[0].RowCount;
        if (_components.Count == 1)
        {
            var source = ((CategoricalAttribute)_components[0]).Codes;
            var codes = new int[n];
            int missing = MissingIndex;
            for (int r = 0; r < n; r++)
            {
                int c = source[r];
                codes[r] = c < 0 ? missing : c;
            }

            return codes;
        }

        var result = new int[n];
        Array.Clear(result);
        bool[] isMissing = new bool[n];
        for (int i = 0; i < _components.Count; i++)
        {
            var source = ((CategoricalAttribute)_components[i]).Codes;
            int stride = _strides[i];
            for (int r = 0; r < n; r++)
            {
                int c = source[r];
                if (c < 0)
                {
                    isMissing[r] = true;
                }
                else
                {
                    result[r] += c * stride;
                }
            }
        }

        for (int r = 0; r < n; r++)
        {
            if (isMissing[r])
            {
                result[r] = MissingIndex;
            }
        }

        return result;
    }

    /// <summary>
    /// Writes row <paramref name="row"/>'s weight per group into <paramref name="weights"/> (length = group count,
    /// cleared by the caller). Weights of a proxy row are normalised to sum to one.
    /// </summary>
    public void Weights(int row, Span<double> weights)
    {
        if (_components.Count == 1 && _components[0] is ProxyAttribute single)
        {
            // The common case without allocation: one proxy attribute, normalised probabilities.
            int k = single.Groups.Count;
            var p = single.Probabilities.AsSpan(row * k, k);
            double sum = 0.0;
            foreach (float v in p)
            {
                if (!float.IsNaN(v))
                {
                    sum += v;
                }
            }

            if (sum <= 0)
            {
                weights[MissingIndex] = 1.0;
                return;
            }

            for (int g = 0; g < k; g++)
            {
                weights[g] = float.IsNaN(p[g]) ? 0.0 : p[g] / sum;
            }

            return;
        }

        double[] product = new double[1];
        product[0] = 1.0;
        int[] index = [0];
        // Expand the product of the components' weight vectors, in mixed radix order.
        for (int i = 0; i < _components.Count; i++)
        {
            var c = _components[i];
            int k = c.Groups.Count;
            var w = new double[k];
            if (c is CategoricalAttribute cat)
            {
                int code = cat.Codes[row];
                if (code < 0)
                {
                    weights[MissingIndex] = 1.0;
                    return;
                }

                w[code] = 1.0;
            }
            else
            {
                var p = ((ProxyAttribute)c).Probabilities;
                double sum = 0.0;
                for (int g = 0; g < k; g++)
                {
                    float v = p[row * k + g];
                    if (!float.IsNaN(v))
                    {
                        w[g] = v;
                        sum += v;
                    }
                }

                if (sum <= 0)
                {
                    weights[MissingIndex] = 1.0;
                    return;
                }

                for (int g = 0; g < k; g++)
                {
                    w[g] /= sum;
                }
            }

            var nextProduct = new double[product.Length * k];
            var nextIndex = new int[product.Length * k];
            int t = 0;
            for (int a = 0; a < product.Length; a++)
            {
                for (int g = 0; g < k; g++)
                {
                    nextProduct[t] = product[a] * w[g];
                    nextIndex[t] = index[a] + g * _strides[i];
                    t++;
                }
            }

            product = nextProduct;
            index = nextIndex;
        }

        for (int a = 0; a < product.Length; a++)
        {
            weights[index[a]] += product[a];
        }
    }
}
