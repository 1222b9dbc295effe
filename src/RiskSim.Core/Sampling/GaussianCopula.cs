using MathNet.Numerics.LinearAlgebra;

namespace RiskSim.Core.Sampling;

/// <summary>
/// One connected group of rank-correlated inputs and the factor that turns their independent normal
/// variates into correlated ones (Pearson ρ = 2·sin(π·rank/6), so continuous inputs reach the
/// requested Spearman correlation).
/// </summary>
public sealed class GaussianCopula
{
    private GaussianCopula(int[] members, double[] factor)
    {
        Members = members;
        Factor = factor;
    }

    /// <summary>Input indices in the group, in ascending order.</summary>
    public IReadOnlyList<int> Members { get; }

    /// <summary>Row-major k×k factor F with F·Fᵀ = the Pearson matrix.</summary>
    internal double[] Factor { get; }

    /// <summary>Pearson correlation of the normal scores that gives Spearman correlation <paramref name="rank"/>.</summary>
    public static double PearsonForRank(double rank) => 2 * Math.Sin(Math.PI * rank / 6);

    /// <summary>
    /// Smallest eigenvalue of the Pearson matrix of normal scores built from the given pairs
    /// (negative means the correlations are impossible together).
    /// </summary>
    public static double SmallestEigenvalue(int size, IEnumerable<(int A, int B, double Rank)> pairs)
    {
        var m = PearsonMatrix(size, pairs);
        return m.Evd(Symmetricity.Symmetric).EigenValues.Min(c => c.Real);
    }

    /// <summary>Smallest eigenvalue of the rank correlation matrix as the user wrote it.</summary>
    public static double SmallestRankEigenvalue(int size, IEnumerable<(int A, int B, double Rank)> pairs)
    {
        var m = Matrix<double>.Build.DenseIdentity(size);
        foreach (var (a, b, r) in pairs)
        {
            m[a, b] = r;
            m[b, a] = r;
        }
        return m.Evd(Symmetricity.Symmetric).EigenValues.Min(c => c.Real);
    }

    /// <summary>Groups the correlated inputs into connected components and factors each one.</summary>
    /// <param name="pairs">Input index pairs with their target rank correlation.</param>
    public static IReadOnlyList<GaussianCopula> Build(IReadOnlyList<(int A, int B, double Rank)> pairs)
    {
        var parent = new Dictionary<int, int>();
        int Find(int x)
        {
            if (!parent.TryGetValue(x, out int p))
            {
                parent[x] = x;
                return x;
            }
            return p == x ? x : parent[x] = Find(p);
        }
        foreach (var (a, b, _) in pairs)
        {
            int ra = Find(a), rb = Find(b);
            if (ra != rb)
            {
                parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
            }
        }
        var groups = parent.Keys.GroupBy(Find).Select(g => g.OrderBy(i => i).ToArray()).OrderBy(g => g[0]).ToList();
        var result = new List<GaussianCopula>();
        foreach (int[] members in groups)
        {
            var local = members.Select((input, i) => (input, i)).ToDictionary(x => x.input, x => x.i);
            var localPairs = pairs.Where(p => local.ContainsKey(p.A)).Select(p => (local[p.A], local[p.B], p.Rank)).ToList();
            var m = PearsonMatrix(members.Length, localPairs);
            result.Add(new GaussianCopula(members, Cholesky(m) ?? EigenFactor(m)));
        }
        return result;
    }

    // Lower-triangular factor when the matrix is positive definite: the first member keeps its own
    // normal score unchanged, which keeps the pairing of runs that differ in one input as close as possible.
    private static double[]? Cholesky(Matrix<double> m)
    {
        int n = m.RowCount;
        var l = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = m[i, j];
                for (int k = 0; k < j; k++)
                {
                    sum -= l[i * n + k] * l[j * n + k];
                }
                if (i == j)
                {
                    if (sum <= 1e-12)
                    {
                        return null;
                    }
                    l[i * n + i] = Math.Sqrt(sum);
                }
                else
                {
                    l[i * n + j] = sum / l[j * n + j];
                }
            }
        }
        return l;
    }

    // Symmetric square root through the eigen decomposition, for semi-definite (singular) matrices.
    private static double[] EigenFactor(Matrix<double> m)
    {
        int n = m.RowCount;
        var evd = m.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(c => Math.Sqrt(Math.Max(0, c.Real))).ToArray();
        var f = evd.EigenVectors * Matrix<double>.Build.DenseOfDiagonalArray(values);
        var factor = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                factor[i * n + j] = f[i, j];
            }
        }
        return factor;
    }

    private static Matrix<double> PearsonMatrix(int size, IEnumerable<(int A, int B, double Rank)> pairs)
    {
        var m = Matrix<double>.Build.DenseIdentity(size);
        foreach (var (a, b, r) in pairs)
        {
            double rho = PearsonForRank(r);
            m[a, b] = rho;
            m[b, a] = rho;
        }
        return m;
    }
}
