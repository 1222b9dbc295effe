namespace RiskSim.IO.Results;

/// <summary>
/// A run's output folder: files are written under temporary names and renamed into place only when
/// the whole run has succeeded, so an interrupted or failed run never leaves a half-written file
/// under a final name.
/// </summary>
/// <remarks>Not thread safe; one instance per run.</remarks>
public sealed class OutputFolder : IDisposable
{
    private readonly List<(string Temporary, string Final)> _staged = [];
    private readonly string _token = Guid.NewGuid().ToString("N")[..8];
    private bool _committed;

    private OutputFolder(string path) => Path = path;

    /// <summary>Absolute path of the folder.</summary>
    public string Path { get; }

    /// <summary>Creates the folder if needed and proves it is writable.</summary>
    /// <exception cref="OutputFolderException">The folder cannot be created or written.</exception>
    public static OutputFolder Open(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        try
        {
            if (File.Exists(full))
            {
                throw new OutputFolderException($"{path}: is a file, not a folder");
            }
            Directory.CreateDirectory(full);
            string probe = System.IO.Path.Combine(full, $".risksim-write-test-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new OutputFolderException($"{path}: cannot write to the output folder ({e.Message})");
        }
        return new OutputFolder(full);
    }

    /// <summary>A temporary path for <paramref name="fileName"/>, renamed to its final name on <see cref="Commit"/>.</summary>
    public string Stage(string fileName)
    {
        string final = System.IO.Path.Combine(Path, fileName);
        string temporary = System.IO.Path.Combine(Path, $".{fileName}.{_token}.partial");
        _staged.Add((temporary, final));
        return temporary;
    }

    /// <summary>Final path of a file in the folder.</summary>
    public string FinalPath(string fileName) => System.IO.Path.Combine(Path, fileName);

    /// <summary>Moves every staged file to its final name.</summary>
    public void Commit()
    {
        foreach (var (temporary, final) in _staged)
        {
            File.Move(temporary, final, overwrite: true);
        }
        _committed = true;
    }

    /// <summary>Deletes staged files that were not committed.</summary>
    public void Dispose()
    {
        if (_committed)
        {
            return;
        }
        foreach (var (temporary, _) in _staged)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (IOException)
            {
                // Best effort: a leftover temporary never carries a final name.
            }
        }
    }
}

/// <summary>The output folder cannot be used.</summary>
public sealed class OutputFolderException(string message) : Exception(message);
