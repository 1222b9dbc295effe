using System.ComponentModel;
using System.Diagnostics;

namespace RiskSim.Charts.Tests;

/// <summary>What a child process printed and how it ended.</summary>
internal sealed record ChildOutcome(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>Runs a program with arguments and a time limit, capturing its output.</summary>
internal static class ChildProcess
{
    /// <summary>Runs <paramref name="fileName"/>; fails the test when it cannot start or overruns.</summary>
    public static async Task<ChildOutcome> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan limit, string whenMissing)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("the process did not start");
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            Assert.Fail($"{whenMissing} ({fileName}: {e.Message})");
            throw;
        }
        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(limit);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{fileName} did not finish within {limit.TotalSeconds:0} s");
            }
            return new ChildOutcome(process.ExitCode, await stdout, await stderr);
        }
    }
}
