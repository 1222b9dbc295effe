using System.Text.Json;

namespace RiskSim.IO.Results;

/// <summary>
/// A run's output folder, replaced as a whole: every file is written into a sibling staging folder
/// <c>.&lt;name&gt;.&lt;token&gt;.staging</c>, and <see cref="Commit"/> swaps it in (the old folder is renamed
/// to <c>.&lt;name&gt;.&lt;token&gt;.old</c>, the staging folder to the final name, then the old one is deleted).
/// So the folder always holds exactly one complete run, and an interrupted or failed run leaves the previous
/// one as it was.
/// </summary>
/// <remarks>
/// <para>An existing folder is replaced only when it is empty or holds an earlier RiskSim run (a
/// <c>run.json</c> written by RiskSim, or a batch's <c>comparison-row.json</c>) and no sub-folder; any other
/// folder is refused with <see cref="OutputFolderException"/>, so the user's own files are never deleted.</para>
/// <para>Opening reclaims what a killed run into the same folder left: staging and old siblings whose process
/// has ended (finishing a swap that was cut short) and, once the folder is known to be a run's, old-style
/// <c>.*.partial</c> files inside it.</para>
/// <para>Not thread safe; one instance per run.</para>
/// </remarks>
public sealed class OutputFolder : IDisposable
{
    /// <summary>Files whose presence marks a folder as an earlier RiskSim run.</summary>
    public static readonly string[] RunMarkers = ["run.json", "comparison-row.json"];

    private readonly string _token;
    private bool _finished;

    private OutputFolder(string path, string stagingPath, string token)
    {
        Path = path;
        StagingPath = stagingPath;
        _token = token;
    }

    /// <summary>Absolute path of the folder (symbolic links resolved).</summary>
    public string Path { get; }

    /// <summary>The staging folder that <see cref="Commit"/> renames to <see cref="Path"/>.</summary>
    public string StagingPath { get; }

    /// <summary>
    /// Checks the folder can hold a run, reclaims a killed run's temporaries and creates the staging folder
    /// (and the parent folders).
    /// </summary>
    /// <exception cref="OutputFolderException">The path is empty, names a file or a folder that holds files
    /// RiskSim did not write, or the folder or its parent cannot be written.</exception>
    public static OutputFolder Open(string path)
    {
        if (path.Length == 0)
        {
            throw new OutputFolderException("no output folder given (the path is empty)");
        }
        try
        {
            string full = Resolve(path);
            string name = System.IO.Path.GetFileName(full);
            string? parent = System.IO.Path.GetDirectoryName(full);
            if (name.Length == 0 || parent is null)
            {
                throw new OutputFolderException($"{path}: a run cannot replace the root of a file system; give a folder below it");
            }
            if (File.Exists(full))
            {
                throw new OutputFolderException($"{path}: is a file, not a folder");
            }
            Directory.CreateDirectory(parent);
            Reclaim(parent, name);
            CheckReplaceable(full, path);
            DeleteStalePartials(full);
            string token = Temporaries.NewToken();
            string staging = System.IO.Path.Combine(parent, $".{name}.{token}.staging");
            try
            {
                Directory.CreateDirectory(staging);
            }
            catch
            {
                Temporaries.Release(token);
                throw;
            }
            return new OutputFolder(full, staging, token);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new OutputFolderException($"{path}: cannot write to the output folder ({e.Message})");
        }
    }

    /// <summary>The path to write <paramref name="fileName"/> to; it reaches the folder on <see cref="Commit"/>.</summary>
    /// <exception cref="ArgumentException">The name is not a plain file name.</exception>
    public string Stage(string fileName)
    {
        // A name with a separator or "..": the caller's bug, and it would write outside the folder.
        if (fileName.Length == 0 || fileName is "." or ".." || fileName.IndexOfAny(['/', '\\', '\0']) >= 0)
        {
            throw new ArgumentException($"not a plain file name: '{fileName}'", nameof(fileName));
        }
        return System.IO.Path.Combine(StagingPath, fileName);
    }

    /// <summary>Final path of a file in the folder.</summary>
    public string FinalPath(string fileName) => System.IO.Path.Combine(Path, fileName);

    /// <summary>Swaps the staged folder in for the old one, then deletes the old one.</summary>
    /// <exception cref="IOException">A rename failed; the previous run is then back under its name.</exception>
    public void Commit()
    {
        string parent = System.IO.Path.GetDirectoryName(Path)!;
        string old = System.IO.Path.Combine(parent, $".{System.IO.Path.GetFileName(Path)}.{_token}.old");
        bool hadOld = Directory.Exists(Path);
        if (hadOld)
        {
            Directory.Move(Path, old);
        }
        try
        {
            Directory.Move(StagingPath, Path);
        }
        catch when (hadOld)
        {
            // Put the previous run back so that a failed swap changes nothing.
            Directory.Move(old, Path);
            throw;
        }
        _finished = true;
        if (hadOld)
        {
            Temporaries.TryDelete(old);
        }
        Temporaries.Release(_token);
    }

    /// <summary>Deletes the staging folder when the run was not committed.</summary>
    public void Dispose()
    {
        if (_finished)
        {
            return;
        }
        _finished = true;
        Temporaries.TryDelete(StagingPath);
        Temporaries.Release(_token);
    }

    // The folder a symbolic link points to is the one replaced, so the link itself stays a link.
    private static string Resolve(string path)
    {
        string full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));
        var info = new DirectoryInfo(full);
        if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true } target)
        {
            return System.IO.Path.TrimEndingDirectorySeparator(target.FullName);
        }
        return full;
    }

    /// <summary>
    /// Deletes what killed runs into <paramref name="parent"/>/<paramref name="name"/> left: finishes a swap cut
    /// short between its two renames, then removes dead staging and old siblings and stale <c>.*.partial</c> files.
    /// </summary>
    private static void Reclaim(string parent, string name)
    {
        string final = System.IO.Path.Combine(parent, name);
        var dead = new List<(string Path, string Token, bool Staging)>();
        foreach (var entry in new DirectoryInfo(parent).EnumerateDirectories($".{EscapePattern(name)}.*"))
        {
            if (Temporaries.SiblingToken(entry.Name, name) is { } found && !Temporaries.IsLive(found.Token))
            {
                dead.Add((entry.FullName, found.Token, found.Staging));
            }
        }
        if (!Directory.Exists(final))
        {
            // An old folder without the final name means a swap stopped after its first rename: the staging
            // folder of the same token is complete (it is only swapped in when complete), else the old run returns.
            foreach (var (oldPath, token, _) in dead.Where(d => !d.Staging))
            {
                var staging = dead.FirstOrDefault(d => d.Staging && d.Token == token);
                Directory.Move(staging.Path ?? oldPath, final);
                break;
            }
        }
        foreach (var (leftover, _, _) in dead)
        {
            if (Directory.Exists(leftover))
            {
                Temporaries.TryDelete(leftover);
            }
        }
    }

    // Files staged by earlier versions, which wrote into the folder itself; only once the folder is known to be a run's.
    private static void DeleteStalePartials(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles(".*"))
        {
            if (Temporaries.PartialFileToken(file.Name) is { } token && !Temporaries.IsLive(token))
            {
                Temporaries.TryDelete(file.FullName);
            }
        }
    }

    /// <summary>
    /// Reclaims, for every folder in <paramref name="parent"/>, what killed runs into it left (as <see cref="Open"/>
    /// does for one folder), for a caller that may not open each of them again (a batch whose runs are up to date).
    /// </summary>
    /// <exception cref="IOException">A half-finished swap could not be finished.</exception>
    public static void ReclaimAll(string parent)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in new DirectoryInfo(parent).EnumerateDirectories(".*"))
        {
            foreach (string suffix in new[] { ".staging", ".old" })
            {
                if (!entry.Name.EndsWith(suffix, StringComparison.Ordinal))
                {
                    continue;
                }
                // .<name>.<token><suffix>: the token is the last dot-free part before the suffix.
                string withoutSuffix = entry.Name[..^suffix.Length];
                int dot = withoutSuffix.LastIndexOf('.');
                if (dot > 1 && Temporaries.SiblingToken(entry.Name, withoutSuffix[1..dot]) is not null)
                {
                    names.Add(withoutSuffix[1..dot]);
                }
            }
        }
        foreach (string name in names)
        {
            Reclaim(parent, name);
        }
    }

    // Enumeration patterns treat * and ? as wildcards; the exact match is checked by name afterwards.
    private static string EscapePattern(string name) => name.Replace('*', '?');

    private static void CheckReplaceable(string full, string shown)
    {
        if (!Directory.Exists(full))
        {
            return;
        }
        // A killed run's staged files are RiskSim's own: they neither make a folder the user's nor a run.
        var entries = new DirectoryInfo(full).EnumerateFileSystemInfos()
            .Where(e => e.Attributes.HasFlag(FileAttributes.Directory) || Temporaries.PartialFileToken(e.Name) is null).ToList();
        if (entries.Count == 0)
        {
            return;
        }
        var folders = entries.Where(e => e.Attributes.HasFlag(FileAttributes.Directory)).Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
        if (folders.Count > 0)
        {
            throw new OutputFolderException($"{shown}: the folder holds sub-folders ({List(folders)}), which a RiskSim run never writes; "
                + "a run replaces its whole output folder, so give a new or empty folder");
        }
        if (!IsRun(full))
        {
            var names = entries.Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
            throw new OutputFolderException($"{shown}: the folder holds files RiskSim did not write ({List(names)}) and no earlier run; "
                + "a run replaces its whole output folder, so give a new or empty folder");
        }
    }

    /// <summary>True when <paramref name="folder"/> holds an earlier RiskSim run (see <see cref="RunMarkers"/>).</summary>
    public static bool IsRun(string folder)
    {
        if (File.Exists(System.IO.Path.Combine(folder, "comparison-row.json")))
        {
            return true;
        }
        var runJson = new FileInfo(System.IO.Path.Combine(folder, "run.json"));
        // run.json is a few hundred bytes; a large one is not RiskSim's.
        if (!runJson.Exists || runJson.Length > 1 << 20)
        {
            return false;
        }
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(runJson.FullName));
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("tool", out var tool) && tool.ValueKind == JsonValueKind.String
                && tool.GetString() == "RiskSim";
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string List(List<string> names) =>
        string.Join(", ", names.Take(3)) + (names.Count > 3 ? $" and {names.Count - 3} more" : "");
}

/// <summary>The output folder cannot be used.</summary>
public sealed class OutputFolderException(string message) : Exception(message);
