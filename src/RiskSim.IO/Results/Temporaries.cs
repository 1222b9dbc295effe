using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace RiskSim.IO.Results;

/// <summary>
/// Names of the temporary files and folders RiskSim writes beside its results, and whether the process that
/// made one is still at work, so that a later run reclaims what a killed run left and nothing else.
/// </summary>
/// <remarks>
/// A token is <c>&lt;process id&gt;-&lt;8 hex digits&gt;</c>: the process id tells a live run's temporaries
/// (left alone) from a dead one's (deleted).
/// </remarks>
public static partial class Temporaries
{
    // Tokens handed out in this process and not yet released: the process id alone cannot tell them from a
    // leftover of an earlier OutputFolder in the same process.
    private static readonly ConcurrentDictionary<string, byte> Active = new(StringComparer.Ordinal);

    /// <summary>A new token, marked active until <see cref="Release"/>.</summary>
    public static string NewToken()
    {
        string token = $"{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..8]}";
        Active[token] = 0;
        return token;
    }

    /// <summary>Marks a token as no longer in use.</summary>
    public static void Release(string token) => Active.TryRemove(token, out _);

    /// <summary>
    /// True when <paramref name="token"/> belongs to a run that may still be writing: a token of this process
    /// still in use, or of another process that is still running.
    /// </summary>
    public static bool IsLive(string token)
    {
        var match = TokenPattern().Match(token);
        if (!match.Success)
        {
            return false;
        }
        if (!int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
        {
            return false;
        }
        if (pid == Environment.ProcessId)
        {
            return Active.ContainsKey(token);
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception
            or NotSupportedException or PlatformNotSupportedException)
        {
            return false;
        }
    }

    /// <summary>
    /// The token of a staged file's name <c>.&lt;file&gt;.&lt;token&gt;.partial</c>, or of the old style
    /// <c>.&lt;file&gt;.&lt;8 hex&gt;.partial</c> (always reclaimable); null when the name is not one.
    /// </summary>
    public static string? PartialFileToken(string fileName)
    {
        var match = PartialPattern().Match(fileName);
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>
    /// The token of a sibling folder <c>.&lt;name&gt;.&lt;token&gt;.staging</c> or <c>.old</c> of the folder
    /// <paramref name="name"/>, and which kind it is; null when <paramref name="entry"/> is neither.
    /// </summary>
    public static (string Token, bool Staging)? SiblingToken(string entry, string name)
    {
        string prefix = "." + name + ".";
        if (!entry.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }
        string rest = entry[prefix.Length..];
        foreach (var (suffix, staging) in new[] { (".staging", true), (".old", false) })
        {
            if (rest.EndsWith(suffix, StringComparison.Ordinal))
            {
                string token = rest[..^suffix.Length];
                return TokenPattern().IsMatch(token) ? (token, staging) : null;
            }
        }
        return null;
    }

    /// <summary>Deletes a file or folder tree, ignoring what cannot be deleted (a later run tries again).</summary>
    public static void TryDelete(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Attributes.HasFlag(FileAttributes.Directory) && info.LinkTarget is null)
            {
                Directory.Delete(path, recursive: true);
            }
            else if (info.Exists || info.LinkTarget is not null)
            {
                File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next run into the folder, which reclaims it.
        }
    }

    [GeneratedRegex(@"^([0-9]{1,10})-[0-9a-f]{8}$", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^\..+\.((?:[0-9]{1,10}-)?[0-9a-f]{8})\.partial$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex PartialPattern();
}
