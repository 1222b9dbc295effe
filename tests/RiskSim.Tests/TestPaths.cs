namespace RiskSim.Tests;

/// <summary>Locates the repository and the shared reference folder from the test binaries.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Scenarios => Path.Combine(RepoRoot, "scenarios");

    public static string SharedReference => Path.Combine(RepoRoot, "..", "shared", "reference");

    public static string NewTempFolder(string name)
    {
        string path = Path.Combine(Path.GetTempPath(), "risksim-tests", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

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
