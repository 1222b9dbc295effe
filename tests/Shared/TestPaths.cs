namespace RiskSim.Testing;

/// <summary>
/// Locates the repository, its example scenarios and the reference figures from the test binaries, and makes scratch
/// folders. One source file, compiled into each test project.
/// </summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Scenarios => Path.Combine(RepoRoot, "scenarios");

    /// <summary>Scenarios with figures from an independent implementation of the model (see its README).</summary>
    public static string Reference => Path.Combine(RepoRoot, "tests", "reference");

    /// <summary>The reference scenarios.</summary>
    public static IEnumerable<string> ReferenceScenarios => Directory.GetFiles(Reference, "*.yaml").Order(StringComparer.Ordinal);

    /// <summary>Where a test leaves artefacts for CI to keep (a screenshot, say): beside the project's TRX file.</summary>
    public static string Artefacts
    {
        get
        {
            string path = Path.Combine(RepoRoot, "tests", typeof(TestPaths).Assembly.GetName().Name!, "TestResults");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    /// <summary>A new empty folder under this test run's scratch folder, which is deleted when the run ends.</summary>
    public static string NewTempFolder(string name)
    {
        string path = Path.Combine(ScratchRoot.Value, $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    private static readonly Lazy<string> ScratchRoot = new(() =>
    {
        string parent = Path.Combine(Path.GetTempPath(), "risksim-tests");
        string root = Path.Combine(parent, $"run-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        // The test host is not always given the chance to run exit handlers: sweep what earlier runs left.
        foreach (var old in new DirectoryInfo(parent).EnumerateDirectories()
            .Where(d => d.FullName != root && d.LastWriteTimeUtc < DateTime.UtcNow.AddHours(-1)))
        {
            try
            {
                old.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Another run may still be using it.
            }
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the system cleans its temporary folder too.
            }
        };
        return root;
    });

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RiskSim.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("RiskSim.sln not found above the test binaries");
    }
}
