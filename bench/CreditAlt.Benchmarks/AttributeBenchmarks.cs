using BenchmarkDotNet.Attributes;
using CreditAlt.Core.Applications;
using CreditAlt.Core.Attributes;

namespace CreditAlt.Benchmarks;

/// <summary>Issue 2 target: all attributes for 4 accounts × 24 months in ≤ 2 µs median and ≤ 2 KB allocated.</summary>
[MemoryDiagnoser]
public class AttributeBenchmarks
{
    private readonly double[] _values = new double[AttributeIndex.Count];
    private Application _application = null!;

    [GlobalSetup]
    public void Setup() => _application = FourAccountsTwentyFourMonths();

    [Benchmark]
    public double ComputeAllAttributes()
    {
        AttributeCalculator.Compute(_application, _values);
        return _values[0];
    }

    /// <summary>Rent, utility, telecom and childcare, 24 monthly records each, with some lates, a partial and a miss.</summary>
    public static Application FourAccountsTwentyFourMonths()
    {
        var asOf = new DateOnly(2026, 6, 30);
        var types = new[] { ObligationType.Rent, ObligationType.Utility, ObligationType.Telecom, ObligationType.Childcare };
        var accounts = new ObligationAccount[types.Length];
        for (var a = 0; a < types.Length; a++)
        {
            var amount = 100m * (a + 1);
            var payments = new PaymentRecord[24];
            for (var m = 0; m < 24; m++)
            {
                var due = new DateOnly(2024, 7, 1).AddMonths(m);
                payments[m] = ((m + a) % 11) switch
                {
                    3 => new PaymentRecord(due, amount, due.AddDays(35), amount),
                    7 => new PaymentRecord(due, amount, due, amount / 2),
                    9 when a == 0 => new PaymentRecord(due, amount, null, 0m),
                    _ => new PaymentRecord(due, amount, due.AddDays(m % 4), amount),
                };
            }
            accounts[a] = new ObligationAccount($"A{a}", types[a], "Furnisher", amount, payments);
        }
        var cashFlow = new CashFlowMonth[12];
        for (var m = 0; m < 12; m++)
            cashFlow[m] = new CashFlowMonth(new DateOnly(2025, 7, 1).AddMonths(m), 3000m + 100m * (m % 3), 2900m + 150m * (m % 4), 50m * m - 100m, m % 5 == 0 ? 1 : 0);
        return new Application("BENCH-1", "P-1", asOf, 2500m, accounts, cashFlow);
    }
}
