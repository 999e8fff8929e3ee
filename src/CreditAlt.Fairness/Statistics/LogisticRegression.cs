namespace CreditAlt.Fairness.Statistics;

/// <summary>A fitted logistic regression: coefficients, standard errors and how the fit went.</summary>
/// <param name="Coefficients">Maximum-likelihood coefficients, intercept first when the design has one.</param>
/// <param name="StandardErrors">Square roots of the diagonal of the inverse Fisher information at the optimum.</param>
/// <param name="Iterations">IRLS iterations taken.</param>
/// <param name="Converged">Whether the change in deviance fell below the tolerance.</param>
/// <param name="Deviance">−2 log-likelihood at the optimum.</param>
public sealed record LogisticFit(double[] Coefficients, double[] StandardErrors, int Iterations, bool Converged, double Deviance)
{
    /// <summary>Covariance of the coefficients (inverse Fisher information), row-major, columns × columns.</summary>
    public double[] Covariance { get; init; } = [];
}

/// <summary>
/// Logistic regression by iteratively reweighted least squares (Newton–Raphson on the log-likelihood),
/// the method of R's <c>glm(family = binomial)</c>, with optional frequency weights.
/// </summary>
public static class LogisticRegression
{
    /// <summary>
    /// Fits P(y = 1) = 1 / (1 + exp(−x·β)). <paramref name="rowCount"/> rows; <paramref name="fillRow"/> writes row i's
    /// covariates (include a constant 1 for an intercept) into the span and returns (y, weight).
    /// Convergence as glm: |dev − dev_old| / (|dev| + 0.1) &lt; 1e-8, at most 50 iterations.
    /// </summary>
    public static LogisticFit Fit(int rowCount, int columns, RowFiller fillRow, int maxIterations = 50, double tolerance = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(fillRow);
        var beta = new double[columns];
        var x = new double[columns];
        var information = new double[columns * columns];
        var gradient = new double[columns];
        double deviance = double.PositiveInfinity;
        bool converged = false;
        int iteration = 0;
        while (iteration < maxIterations)
        {
            iteration++;
            Array.Clear(information);
            Array.Clear(gradient);
            double newDeviance = 0.0;
            for (int i = 0; i < rowCount; i++)
            {
                var (y, w) = fillRow(i, x);
                if (w <= 0)
                {
                    continue;
                }

                double eta = 0.0;
                for (int j = 0; j < columns; j++)
                {
                    eta += x[j] * beta[j];
                }

                double mu = 1.0 / (1.0 + Math.Exp(-eta));
                newDeviance -= 2.0 * w * (y * LogSafe(mu) + (1.0 - y) * LogSafe(1.0 - mu));
                double v = w * mu * (1.0 - mu);
                double r = w * (y - mu);
                for (int j = 0; j < columns; j++)
                {
                    double xj = x[j];
                    if (xj == 0.0)
                    {
                        continue;
                    }

                    gradient[j] += xj * r;
                    double vxj = v * xj;
                    for (int l = 0; l <= j; l++)
                    {
                        information[j * columns + l] += vxj * x[l];
                    }
                }
            }

            Symmetrise(information, columns);
            if (Math.Abs(newDeviance - deviance) / (Math.Abs(newDeviance) + 0.1) < tolerance)
            {
                deviance = newDeviance;
                converged = true;
                break;
            }

            deviance = newDeviance;
            var step = Cholesky.Solve(information, gradient, columns)
                ?? throw new InvalidOperationException("The information matrix is singular: a control or group column is constant or collinear.");
            for (int j = 0; j < columns; j++)
            {
                beta[j] += step[j];
            }
        }

        // Information at the final β (recomputed at convergence above), inverted for the covariance.
        var inverse = Cholesky.Invert(information, columns)
            ?? throw new InvalidOperationException("The information matrix is singular: a control or group column is constant or collinear.");
        var se = new double[columns];
        for (int j = 0; j < columns; j++)
        {
            se[j] = Math.Sqrt(inverse[j * columns + j]);
        }

        return new LogisticFit(beta, se, iteration, converged, deviance) { Covariance = inverse };
    }

    private static double LogSafe(double p) => p > 0 ? Math.Log(p) : -745.0;

    private static void Symmetrise(double[] matrix, int n)
    {
        for (int j = 0; j < n; j++)
        {
            for (int l = 0; l < j; l++)
            {
                matrix[l * n + j] = matrix[j * n + l];
            }
        }
    }
}

/// <summary>Writes row <paramref name="row"/>'s covariates into <paramref name="x"/>; returns the response (0/1) and weight.</summary>
public delegate (double Y, double Weight) RowFiller(int row, Span<double> x);

/// <summary>Cholesky factorisation of a symmetric positive-definite matrix (row-major).</summary>
public static class Cholesky
{
    /// <summary>Solves A·x = b; null when A is not positive definite.</summary>
    public static double[]? Solve(double[] a, double[] b, int n)
    {
        var l = Factor(a, n);
        if (l is null)
        {
            return null;
        }

        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = b[i];
            for (int k = 0; k < i; k++)
            {
                s -= l[i * n + k] * y[k];
            }

            y[i] = s / l[i * n + i];
        }

        var x = new double[n];
        for (int i = n - 1; i >= 0; i--)
        {
            double s = y[i];
            for (int k = i + 1; k < n; k++)
            {
                s -= l[k * n + i] * x[k];
            }

            x[i] = s / l[i * n + i];
        }

        return x;
    }

    /// <summary>A⁻¹; null when A is not positive definite.</summary>
    public static double[]? Invert(double[] a, int n)
    {
        var inverse = new double[n * n];
        var e = new double[n];
        for (int j = 0; j < n; j++)
        {
            Array.Clear(e);
            e[j] = 1.0;
            var column = Solve(a, e, n);
            if (column is null)
            {
                return null;
            }

            for (int i = 0; i < n; i++)
            {
                inverse[i * n + j] = column[i];
            }
        }

        return inverse;
    }

    private static double[]? Factor(double[] a, int n)
    {
        var l = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++)
                {
                    s -= l[i * n + k] * l[j * n + k];
                }

                if (i == j)
                {
                    if (s <= 1e-12 * Math.Max(1.0, Math.Abs(a[i * n + i])))
                    {
                        return null;
                    }

                    l[i * n + i] = Math.Sqrt(s);
                }
                else
                {
                    l[i * n + j] = s / l[j * n + j];
                }
            }
        }

        return l;
    }
}
