using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using RiskSim.Core.Engine;
using RiskSim.Core.Model;
using RiskSim.IO.Scenarios;

namespace RiskSim.Tests;

/// <summary>
/// The vector trial kernels against the trial-by-trial reference evaluation they replaced, on whole blocks of sampled
/// trials: every metric column of every ledger agrees to rounding, and every lane width (8, 4 and the scalar twin)
/// gives exactly the same bits.
/// </summary>
public class TrialKernelTests
{
    private const int Size = 4096;
    private const int Count = 4093; // not a multiple of 8 or 4: the block's tail goes through the scalar twin

    public static TheoryData<string, bool> Scenarios()
    {
        var data = new TheoryData<string, bool>();
        var files = Directory.GetFiles(TestPaths.Scenarios, "*.yaml")
            .Concat(TestPaths.ReferenceScenarios)
            .Append(Path.Combine(TestPaths.RepoRoot, "benchmarks", "scenarios", "synthetic-large.yaml"))
            .Order(StringComparer.Ordinal);
        foreach (string file in files)
        {
            string relative = Path.GetRelativePath(TestPaths.RepoRoot, file);
            data.Add(relative, false);
            data.Add(relative, true);
        }
        return data;
    }

    private static BlockWorkspace Sampled(CompiledScenario model, bool ties)
    {
        var w = new BlockWorkspace(model, Size) { Count = Count, BlockIndex = 3, FirstTrial = 3 * Size };
        InputSampler.SampleInputs(w, 20261201, full: true);
        if (ties)
        {
            // Exits on quarter years: several partners leaving at once, exits exactly at year ends, at go-live and
            // at a risk's year, so the tie rules of both evaluations are exercised.
            foreach (var partner in model.Partners.Where(p => p.Notice >= 0))
            {
                var notice = w.Input(partner.Notice);
                for (int i = 0; i < notice.Length; i++)
                {
                    notice[i] = Math.Max(0, Math.Round(notice[i] * 4 / 3) * 0.75 - partner.NoticeYears + (i % 5 == 0 ? 0.5 : 0));
                }
            }
            foreach (var plan in model.Workstreams)
            {
                var delay = w.Input(plan.Delay);
                for (int i = 0; i < delay.Length; i += 3)
                {
                    delay[i] = Math.Max(0, Math.Round(delay[i] / 3) * 3);
                }
            }
        }
        return w;
    }

    private static BlockWorkspace CopyOf(CompiledScenario model, BlockWorkspace from)
    {
        var w = new BlockWorkspace(model, Size) { Count = from.Count, BlockIndex = from.BlockIndex, FirstTrial = from.FirstTrial };
        Array.Copy(from.Values, w.Values, from.Values.Length);
        return w;
    }

    // Every width, whether or not the machine accelerates it: a 512-bit kernel without AVX-512 runs in software with the
    // same IEEE results, so it is checked here before it first meets an AVX-512 machine.
    private static int[] Widths() => [8, 4, 1];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_width_agrees_with_the_reference_evaluation_and_with_each_other_bit_for_bit(string file, bool ties)
    {
        var scenario = ScenarioReader.ReadFile(Path.Combine(TestPaths.RepoRoot, file));
        var model = new CompiledScenario(scenario);
        var layout = model.Layout;
        int targetMetric = scenario.Target is { } target ? layout.Programme.Cumulative(target.ByYear) : layout.Programme.Total;
        double targetValue = scenario.Target?.CumulativeNetSavings ?? 0;
        var sampled = Sampled(model, ties);

        var reference = CopyOf(model, sampled);
        ReferenceTrialEvaluator.Simulate(reference, targetValue, targetMetric);

        BlockWorkspace? first = null;
        foreach (int width in Widths())
        {
            var w = CopyOf(model, sampled);
            TrialEvaluator.Simulate(w, targetValue, targetMetric, width);
            if (first is null)
            {
                first = w;
                AgreesWithReference(model, reference, w, file);
                continue;
            }
            string what = $"{file}: width {width} against width {TrialEvaluator.Width}";
            Assert.True(Bits(first.Metrics).SequenceEqual(Bits(w.Metrics)), $"{what}: metrics differ");
            Assert.True(Bits(first.GoLive).SequenceEqual(Bits(w.GoLive)), $"{what}: go-live differs");
            Assert.True(Bits(first.ExitMonth).SequenceEqual(Bits(w.ExitMonth)), $"{what}: exit months differ");
            Assert.Equal(first.Payback, w.Payback);
            Assert.Equal(first.PartnerPayback, w.PartnerPayback);
            Assert.Equal(first.TargetMet, w.TargetMet);
        }
    }

    private static ReadOnlySpan<long> Bits(double[] values) => MemoryMarshal.Cast<double, long>(values.AsSpan());

    private static void AgreesWithReference(CompiledScenario model, BlockWorkspace reference, BlockWorkspace w, string file)
    {
        var layout = model.Layout;
        var ledgers = new[] { layout.Programme }.Concat(layout.Partners).ToArray();
        Assert.True(model.HasLedgers == (model.Partners.Length >= 2));
        for (int i = 0; i < Count; i++)
        {
            // The scale of the trial: its largest programme figure (rounding is relative to the sums that make a figure).
            double scale = 1;
            for (int m = 0; m < MetricBlock.CountFor(model.H); m++)
            {
                scale = Math.Max(scale, Math.Abs(reference.Metrics[m * Size + i]));
            }
            for (int m = 0; m < layout.Count; m++)
            {
                double expected = reference.Metrics[m * Size + i], actual = w.Metrics[m * Size + i];
                Assert.True(Math.Abs(expected - actual) <= 1e-9 * scale,
                    $"{file}: trial {i}, metric column {m}: reference {expected:R}, kernel {actual:R}");
            }
            for (int l = 0; l < ledgers.Length; l++)
            {
                var block = ledgers[l];
                int expected = l == 0 ? reference.Payback[i] : reference.PartnerPayback[(l - 1) * Size + i];
                int actual = l == 0 ? w.Payback[i] : w.PartnerPayback[(l - 1) * Size + i];
                if (expected != actual)
                {
                    // Only a cumulative within rounding of 0 may tip the payback year.
                    int year = Math.Max(expected, actual) - 1;
                    double at = year >= 1 ? reference.Metrics[block.Cumulative(year) * Size + i] : 0;
                    double end = reference.Metrics[block.Cumulative(model.H) * Size + i];
                    Assert.True(Math.Min(Math.Abs(at), Math.Abs(end)) <= 1e-9 * scale,
                        $"{file}: trial {i}, ledger {l}: payback reference {expected}, kernel {actual}");
                }
            }
        }
        Assert.Equal(reference.GoLive, w.GoLive);
        Assert.True(Bits(reference.ExitMonth).SequenceEqual(Bits(w.ExitMonth)), $"{file}: exit months differ");
        Assert.Equal(reference.TargetMet, w.TargetMet);
    }

    [Fact]
    public void A_block_of_one_trial_goes_through_the_scalar_twin_alone()
    {
        var scenario = ScenarioReader.ReadFile(Path.Combine(TestPaths.Reference, "reference-ledger.yaml"));
        var model = new CompiledScenario(scenario);
        var big = Sampled(model, ties: false);
        var one = new BlockWorkspace(model, 1) { Count = 1 };
        for (int input = 0; input < model.Inputs.Length; input++)
        {
            one.Values[input] = big.Values[input * Size + 5];
        }
        TrialEvaluator.Simulate(big, 0, -1);
        TrialEvaluator.Simulate(one, 0, -1);
        for (int m = 0; m < model.Layout.Count; m++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(big.Metrics[m * Size + 5]), BitConverter.DoubleToInt64Bits(one.Metrics[m]));
        }
    }
}
