namespace CreditAlt.Modeling.Evaluation;

/// <summary>
/// Logistic recalibration of predicted probabilities against outcomes, with 95 % Wald intervals:
/// the calibration intercept a in logit P(bad) = a + logit(p) (calibration-in-the-large; 0 when the mean is right)
/// and the calibration slope b in logit P(bad) = a' + b·logit(p) (1 when the spread is right; below 1 when
/// predictions are too extreme).
/// </summary>
public sealed record CalibrationStatistics(int Applicants, int Bads, double MeanPredicted, double ObservedRate, Interval? ObservedInterval,
    double Intercept, Interval InterceptInterval, double Slope, Interval SlopeInterval);

/// <summary>
/// Fits the two calibration regressions by Newton-Raphson (Van Calster et al. 2016, "A calibration hierarchy
/// for risk models", J Clin Epidemiol 74:167–176). Predicted probabilities are clipped to [1e-9, 1 − 1e-9]
/// so that a model predicting 0 or 1 still has a finite logit.
/// </summary>
public static class CalibrationFit
{
    /// <summary>The statistics, or null when there are no applicants or only one class (the regressions have no finite solution).</summary>
    public static CalibrationStatistics? Fit(ReadOnlySpan<double> pd, ReadOnlySpan<bool> bad)
    {
        if (pd.Length != bad.Length) throw new ArgumentException($"Got {pd.Length} predictions but {bad.Length} outcomes.");
        var n = pd.Length;
        var bads = 0;
        double sumPd = 0;
        var x = new double[n];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            var p = Math.Clamp(pd[i], 1e-9, 1 - 1e-9);
            sumPd += pd[i];
            x[i] = Math.Log(p / (1 - p));
            y[i] = bad[i] ? 1 : 0;
            if (bad[i]) bads++;
        }

        if (n == 0 || bads == 0 || bads == n) return null;
        var (intercept, interceptSe) = FitIntercept(x, y);
        var (_, slope, slopeSe) = FitLine(x, y);
        var z = StandardNormal.Z975;
        return new CalibrationStatistics(n, bads, sumPd / n, (double)bads / n, StandardNormal.Wilson(bads, n),
            intercept, new Interval(intercept - z * interceptSe, intercept + z * interceptSe),
            slope, new Interval(slope - z * slopeSe, slope + z * slopeSe));
    }

    /// <summary>Maximum likelihood a in logit P(y) = a + offset, and its standard error (inverse Fisher information).</summary>
    public static (double A, double Se) FitIntercept(double[] offset, double[] y)
    {
        double a = 0, info = 0;
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double score = 0;
            info = 0;
            for (var i = 0; i < y.Length; i++)
            {
                var p = Expit(a + offset[i]);
                score += y[i] - p;
                info += p * (1 - p);
            }

            var step = score / info;
            a += step;
            if (Math.Abs(step) < 1e-12) break;
        }

        return (a, 1 / Math.Sqrt(info));
    }

    /// <summary>
    /// Maximum likelihood (a, b) in logit P(y) = a + b·x and the standard error of b. Newton-Raphson from the
    /// intercept-only fit (b = 0), halving a step that lowers the likelihood, so that badly scaled x cannot make it diverge.
    /// </summary>
    public static (double A, double B, double SeB) FitLine(double[] x, double[] y)
    {
        var mean = Math.Clamp(y.Average(), 1e-9, 1 - 1e-9);
        double a = Math.Log(mean / (1 - mean)), b = 0, iaa = 0, iab = 0, ibb = 0;
        var logLik = LogLikelihood(x, y, a, b);
        for (var iteration = 0; iteration < 200; iteration++)
        {
            double sa = 0, sb = 0;
            iaa = iab = ibb = 0;
            for (var i = 0; i < y.Length; i++)
            {
                var p = Expit(a + b * x[i]);
                var w = p * (1 - p);
                sa += y[i] - p;
                sb += (y[i] - p) * x[i];
                iaa += w;
                iab += w * x[i];
                ibb += w * x[i] * x[i];
            }

            var det = iaa * ibb - iab * iab;
            if (!(det > 0)) break;
            var da = (ibb * sa - iab * sb) / det;
            var db = (iaa * sb - iab * sa) / det;
            var step = 1.0;
            var next = LogLikelihood(x, y, a + da, b + db);
            while (next < logLik - 1e-12 && step > 1e-6)
            {
                step /= 2;
                next = LogLikelihood(x, y, a + step * da, b + step * db);
            }

            a += step * da;
            b += step * db;
            logLik = next;
            if (Math.Abs(step * da) < 1e-12 && Math.Abs(step * db) < 1e-12) break;
        }

        return (a, b, Math.Sqrt(iaa / (iaa * ibb - iab * iab)));
    }

    private static double LogLikelihood(double[] x, double[] y, double a, double b)
    {
        double sum = 0;
        for (var i = 0; i < y.Length; i++)
        {
            var eta = a + b * x[i];
            // log(1 + e^eta) computed without overflow.
            var softplus = eta > 0 ? eta + LogOnePlus(Math.Exp(-eta)) : LogOnePlus(Math.Exp(eta));
            sum += y[i] * eta - softplus;
        }

        return sum;
    }

    private static double LogOnePlus(double v) => v < 1e-5 ? v - v * v / 2 : Math.Log(1 + v);

    private static double Expit(double v) => 1 / (1 + Math.Exp(-v));
}
