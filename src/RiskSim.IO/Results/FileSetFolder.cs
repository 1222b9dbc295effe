namespace RiskSim.IO.Results;

/// <summary>
/// A folder in which RiskSim owns a fixed set of file names (a batch's comparison files and index) beside
/// other things (the batch's run folders): the files of one commit are staged as
/// <c>.&lt;file&gt;.&lt;token&gt;.partial</c>, renamed into place one after another only once all are written,
/// and any owned file the commit did not write is deleted, so the set always comes from one batch.
/// </summary>
/// <remarks>
/// <para>An existing non-empty folder is used only when it holds one of the marker files (an earlier batch);
/// files the set does not name are never touched.</para>
/// <para>Not thread safe; one instance per batch.</para>
/// </remarks>
public sealed class FileSetFolder : IDisposable
{
    private readonly IReadOnlyCollection<string> _owned;
    private readonly List<(string Temporary, string Final)> _staged = [];
    private readonly string _token = Temporaries.NewToken();
    private bool _finished;

    private FileSetFolder(string path, IReadOnlyCollection<string> owned)
    {
        Path = path;
        _owned = owned;
    }

    /// <summary>Absolute path of the folder.</summary>
    public string Path { get; }

    /// <summary>Creates the folder if needed, reclaims stale staged files and checks it is RiskSim's to write.</summary>
    /// <param name="path">The folder.</param>
    /// <param name="owned">Every file name this folder's commits write.</param>
    /// <param name="markers">Names whose presence shows a non-empty folder is an earlier commit's.</param>
    /// <exception cref="OutputFolderException">The path is empty, is a file, holds other files and no marker, or cannot be written.</exception>
    public static FileSetFolder Open(string path, IReadOnlyCollection<string> owned, IReadOnlyCollection<string> markers)
    {
        if (path.Length == 0)
        {
            throw new OutputFolderException("no output folder given (the path is empty)");
        }
        string full = System.IO.Path.GetFullPath(path);
        try
        {
            if (File.Exists(full))
            {
                throw new OutputFolderException($"{path}: is a file, not a folder");
            }
            Directory.CreateDirectory(full);
            var entries = new DirectoryInfo(full).EnumerateFileSystemInfos()
                .Where(e => Temporaries.PartialFileToken(e.Name) is null).Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
            if (entries.Count > 0 && !markers.Any(m => File.Exists(System.IO.Path.Combine(full, m))))
            {
                throw new OutputFolderException($"{path}: the folder holds things RiskSim did not write ({string.Join(", ", entries.Take(3))}"
                    + $"{(entries.Count > 3 ? $" and {entries.Count - 3} more" : "")}) and no earlier batch ({string.Join(" or ", markers)}); give a new or empty folder");
            }
            // Staged files of a killed batch, deleted only once the folder is known to be a batch's.
            foreach (var file in new DirectoryInfo(full).EnumerateFiles(".*"))
            {
                if (Temporaries.PartialFileToken(file.Name) is { } token && !Temporaries.IsLive(token))
                {
                    Temporaries.TryDelete(file.FullName);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new OutputFolderException($"{path}: cannot write to the output folder ({e.Message})");
        }
        return new FileSetFolder(full, owned);
    }

    /// <summary>A temporary path for <paramref name="fileName"/> (one of the owned names), renamed on <see cref="Commit"/>.</summary>
    /// <exception cref="ArgumentException">The name is not one this folder owns.</exception>
    public string Stage(string fileName)
    {
        if (!_owned.Contains(fileName))
        {
            throw new ArgumentException($"'{fileName}' is not a file this folder owns", nameof(fileName));
        }
        string temporary = System.IO.Path.Combine(Path, $".{fileName}.{_token}.partial");
        _staged.Add((temporary, System.IO.Path.Combine(Path, fileName)));
        return temporary;
    }

    /// <summary>Moves every staged file to its final name and deletes the owned files this commit did not write.</summary>
    public void Commit()
    {
        foreach (var (temporary, final) in _staged)
        {
            File.Move(temporary, final, overwrite: true);
        }
        _finished = true;
        foreach (string stale in _owned.Where(o => !_staged.Any(s => System.IO.Path.GetFileName(s.Final) == o)))
        {
            string path = System.IO.Path.Combine(Path, stale);
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        Temporaries.Release(_token);
    }

    /// <summary>Deletes staged files that were not committed.</summary>
    public void Dispose()
    {
        if (_finished)
        {
            return;
        }
        _finished = true;
        foreach (var (temporary, _) in _staged)
        {
            Temporaries.TryDelete(temporary);
        }
        Temporaries.Release(_token);
    }
}
