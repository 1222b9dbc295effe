using System.Runtime.CompilerServices;

namespace RiskSim.Core.Engine;

/// <summary>
/// The rules that decide, for one trial, whether something happened. Each is written once here and used by the
/// kernel, the tallies, the partner-exposure split and the trials file, so they can never disagree.
/// </summary>
public static class TrialRules
{
    /// <summary>
    /// A partner leaves within the horizon when its exit (notice time plus notice period, years) falls before
    /// the horizon H: an exit at exactly H is outside it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool LeavesWithinHorizon(double exitYears, double horizonYears) => exitYears < horizonYears;

    /// <summary>A risk occurred when its 0/1 occurrence input is 1 (read as at least one half).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool RiskOccurred(double occurs) => occurs >= 0.5;

    /// <summary>A trial's recorded exit month stands for "left within the horizon" unless it is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Left(double exitMonth) => !double.IsNaN(exitMonth);
}
