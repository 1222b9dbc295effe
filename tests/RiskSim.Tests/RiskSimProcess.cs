using System.Diagnostics;
using System.Globalization;

namespace RiskSim.Tests;

/// <summary>What a <c>risksim</c> process printed and how it ended.</summary>
internal sealed record RiskSimOutcome(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>
/// A real <c>risksim</c> process: <c>dotnet risksim.dll ARGS</c>, on the host that runs the tests, with its output
/// captured and no standard input. Disposing it kills the process tree if it is still running.
/// </summary>
internal sealed class RiskSimProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private RiskSimProcess(Process process)
    {
        _process = process;
        _process.StandardInput.Close();
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The <c>dotnet</c> host that runs the tests.</summary>
    public static string Host => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>The CLI built beside the tests.</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "risksim.dll");

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts <c>dotnet risksim.dll ARGS</c> with <paramref name="environment"/> added to this process's; with a
    /// <paramref name="launcher"/> (a program and its arguments) that program is started with the host and the
    /// rest as its last arguments, e.g. <c>/usr/bin/env --default-signal=2</c>.
    /// </summary>
    public static RiskSimProcess Start(IReadOnlyList<string> args, IReadOnlyList<(string Name, string Value)>? environment = null,
        IReadOnlyList<string>? launcher = null)
    {
        string[] command = [.. launcher ?? [], Host, Dll, .. args];
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string arg in command.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }
        return new RiskSimProcess(Process.Start(start) ?? throw new InvalidOperationException($"{command[0]} did not start"));
    }

    /// <summary>Runs risksim to its end within <paramref name="limit"/> and asserts that it exits with 0.</summary>
    public static async Task<RiskSimOutcome> RunAsync(IReadOnlyList<string> args, IReadOnlyList<(string Name, string Value)>? environment,
        TimeSpan limit)
    {
        using var risksim = Start(args, environment);
        var outcome = await risksim.WaitAsync(limit);
        Assert.True(outcome.ExitCode == 0, $"risksim {string.Join(' ', args)}\n{outcome}");
        return outcome;
    }

    /// <summary>Waits for the process to end; when it overruns <paramref name="limit"/>, kills it and fails the test.</summary>
    public async Task<RiskSimOutcome> WaitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            var stopped = await StopAsync();
            Assert.Fail($"risksim did not finish within {limit.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s\n{stopped}");
        }
        return new RiskSimOutcome(_process.ExitCode, await _stdout, await _stderr);
    }

    /// <summary>Kills the process tree if it is still running and returns what it printed.</summary>
    public async Task<RiskSimOutcome> StopAsync()
    {
        KillTree();
        await _process.WaitForExitAsync();
        return new RiskSimOutcome(_process.ExitCode, await _stdout, await _stderr);
    }

    public void Dispose()
    {
        KillTree();
        _process.Dispose();
    }

    private void KillTree()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It ended meanwhile.
        }
    }
}
