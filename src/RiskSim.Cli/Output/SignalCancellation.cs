using System.Runtime.InteropServices;

namespace RiskSim.Cli.Output;

/// <summary>
/// While a command runs, turns Ctrl+C (SIGINT), SIGTERM and SIGHUP into a cancelled token instead of letting the
/// runtime end the process, so the command stops at its next check, deletes its temporaries, keeps the previous
/// results and exits with <see cref="ExitCodes.Cancelled"/>. A second signal is not held back: it ends the process
/// at once (the next run into the folder reclaims what it left).
/// </summary>
public sealed class SignalCancellation : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _signalled;

    /// <summary>Starts listening; <paramref name="outer"/> cancels too (a caller's own token).</summary>
    public SignalCancellation(CancellationToken outer = default)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
        {
            try
            {
                _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
            }
            catch (PlatformNotSupportedException)
            {
                // A platform without this signal cannot send it either.
            }
        }
    }

    /// <summary>Cancelled when a signal arrives or the outer token is cancelled.</summary>
    public CancellationToken Token => _source.Token;

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Exchange(ref _signalled, 1) == 1)
        {
            return;
        }
        context.Cancel = true;
        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The command has already finished.
        }
    }

    /// <summary>Stops listening.</summary>
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
        _source.Dispose();
    }
}
