using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RiskSim.Core.Engine;

/// <summary>
/// Evaluates every trial of a block from its sampled inputs (the model of one trial, docs/scenario-format.md): go-live, the exact savings
/// integral through the ramp and partners' exits, costs, net, cumulative, NPV and payback. This is where one
/// trial is computed.
/// </summary>
internal static class TrialEvaluator
{
    /// <summary>
    /// ∫_0^x ramp(u) du with ramp(u) = u/R on [0, R) and 1 after, without branches:
    /// c²/(2R) + max(x − R, 0) with c = clamp(x, 0, R); for R = 0 it is max(x, 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double RampIntegral(double x, double ramp, double halfInverseRamp)
    {
        double c = Math.Min(Math.Max(x, 0), ramp);
        return c * c * halfInverseRamp + Math.Max(x - ramp, 0);
    }

    /// <summary>Evaluates each trial of the block into the metric columns, on the widest vectors the machine runs.</summary>
    public static void Simulate(BlockWorkspace w, double target, int targetMetric) => Simulate(w, target, targetMetric, Width);

    /// <summary>
    /// The lane width used: 8 with 512-bit vectors, 4 with 256-bit vectors, otherwise 1 (the scalar twin). Every width
    /// gives the same bits.
    /// </summary>
    internal static int Width { get; } = Vector512.IsHardwareAccelerated ? 8 : Vector256.IsHardwareAccelerated ? 4 : 1;

    /// <summary>Evaluates each trial of the block with <paramref name="width"/> trials at once (8, 4 or 1); the block's tail one at a time.</summary>
    internal static void Simulate(BlockWorkspace w, double target, int targetMetric, int width)
    {
        var plan = w.Model.Kernel;
        int n = w.Count, done = 0;
        if (width == 8)
        {
            TrialKernel512.Run(w, plan, 0, n);
            done = n - n % 8;
        }
        else if (width == 4)
        {
            TrialKernel256.Run(w, plan, 0, n);
            done = n - n % 4;
        }
        else if (width != 1)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "The lane width is 8, 4 or 1.");
        }
        TrialKernel1.Run(w, plan, done, n);
        int targetMet = 0;
        if (targetMetric >= 0)
        {
            foreach (double x in w.Metrics.AsSpan(targetMetric * w.Size, n))
            {
                if (x >= target)
                {
                    targetMet++;
                }
            }
        }
        w.TargetMet = targetMet;
    }

    /// <summary>
    /// The peak funding requirement: max(0, −min over the year ends 1..h of cumulative net savings). Costs and savings
    /// are booked by year, so the deficit is measured at year ends; a deficit that opens and closes within one year
    /// is not seen.
    /// </summary>
    /// <param name="cumulative">Cumulative net savings at the end of each year, index t for year t (index 0 unused).</param>
    /// <param name="h">Horizon in years.</param>
    internal static double PeakFunding(double[] cumulative, int h)
    {
        double low = 0;
        for (int t = 1; t <= h; t++)
        {
            low = Math.Min(low, cumulative[t]);
        }
        return 0.0 - low; // +0 rather than −0 when there is no deficit
    }

    /// <summary>
    /// The first year from which cumulative net savings stay at or above 0 to the horizon; 0 when they end below 0.
    /// </summary>
    /// <param name="cumulative">Cumulative net savings at the end of each year, index t for year t (index 0 unused).</param>
    /// <param name="h">Horizon in years.</param>
    internal static int PaybackYear(double[] cumulative, int h)
    {
        if (!(cumulative[h] >= 0))
        {
            return 0;
        }
        int payback = h;
        while (payback > 1 && cumulative[payback - 1] >= 0)
        {
            payback--;
        }
        return payback;
    }
}
