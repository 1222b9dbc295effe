using System.Globalization;
using RiskSim.Cli;
using RiskSim.Cli.Commands;

namespace RiskSim.Tests;

/// <summary>
/// People read negative money with a true minus sign (−£45k); the files that machines and spreadsheets read keep plain
/// numbers with an ASCII hyphen-minus, whatever the console and report show.
/// </summary>
public sealed class MachineNumberTests
{
    private const char TrueMinus = '\u2212';

    [Fact]
    public void Run_files_keep_ascii_minus_signs_while_the_console_shows_the_true_minus()
    {
        string output = TestPaths.NewTempFolder("machine-run");
        try
        {
            var run = RunCommandTests.Run(Path.Combine(TestPaths.Scenarios, "worcestershire-shared-ict.yaml"), output, trials: 5_000, threads: 1,
                quiet: false);
            Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());

            // Year 1 carries the set-up costs: its cumulative net savings are negative in every file and on the console.
            Assert.Contains(TrueMinus + "£", run.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("-£", run.Stdout, StringComparison.Ordinal);
            foreach (string file in new[] { "summary.csv", "decision.json", "run.json" })
            {
                string text = File.ReadAllText(Path.Combine(output, file));
                Assert.DoesNotContain(TrueMinus.ToString(), text, StringComparison.Ordinal);
                Assert.DoesNotContain("£", text, StringComparison.Ordinal);
            }
            string summary = File.ReadAllText(Path.Combine(output, "summary.csv"));
            Assert.Matches(@",-[0-9]", summary);
            // partner,metric,year,mean,sd,min,max,p5,p10,p25,p50,...: the programme's median in year 1.
            var firstYear = summary.Split('\n').First(l => l.StartsWith(",cumulative_net_savings,1,", StringComparison.Ordinal));
            double value = double.Parse(firstYear.Split(',')[10], NumberStyles.Float, CultureInfo.InvariantCulture);
            Assert.True(value < 0, firstYear);
            Assert.Matches("\"[a-z_0-9]+\": -[0-9]", File.ReadAllText(Path.Combine(output, "decision.json")));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public void The_batch_comparison_csv_keeps_ascii_minus_signs_for_negative_paired_differences()
    {
        string output = TestPaths.NewTempFolder("machine-batch");
        try
        {
            int code = BatchRunner.Execute(new BatchOptions([Path.Combine(TestPaths.Scenarios, "worcestershire-shared-ict.yaml")], output, 5_000, 7, 1,
                false, false, Quiet: true), new StringWriter(), new StringWriter());
            Assert.Equal(ExitCodes.Ok, code);
            string csv = File.ReadAllText(Path.Combine(output, "comparison.csv"));
            Assert.DoesNotContain(TrueMinus.ToString(), csv, StringComparison.Ordinal);
            Assert.Matches(@",-[0-9]", csv);
            string index = File.ReadAllText(Path.Combine(output, "index.html"));
            Assert.Contains(TrueMinus + "£", index, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
