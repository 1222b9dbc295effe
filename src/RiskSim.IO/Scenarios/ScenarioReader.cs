using RiskSim.Core.Model;

namespace RiskSim.IO.Scenarios;

/// <summary>
/// Turns a scenario file (YAML or JSON, the scenario format) into a validated <see cref="Scenario"/>,
/// or into the full list of problems in it, each with file, line, column and key.
/// </summary>
public sealed partial class ScenarioReader
{
    /// <summary>Reads and validates a scenario file.</summary>
    /// <exception cref="ScenarioException">The file is missing, unreadable, too large or invalid; carries every problem.</exception>
    public static Scenario ReadFile(string path) => Load(path).Scenario;

    /// <summary>
    /// Reads and validates a scenario file and hashes the very bytes that were parsed, so a run's provenance
    /// always names what was simulated even if the file changes while it runs.
    /// </summary>
    /// <exception cref="ScenarioException">The file is missing, unreadable, too large or invalid; carries every problem.</exception>
    public static LoadedScenario Load(string path)
    {
        byte[] bytes = ReadBounded(path);
        string text;
        using (var reader = new StreamReader(new MemoryStream(bytes), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        {
            text = reader.ReadToEnd();
        }
        var (scenario, register) = ParseWithRegister(text, path);
        return new LoadedScenario(scenario, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)))
        {
            RegisterFile = register?.File,
            RegisterSha256 = register?.Sha256,
        };
    }

    // Reads at most MaxFileBytes + 1 bytes, so /dev/zero or a huge file ends at once with a message.
    private static byte[] ReadBounded(string path)
    {
        static ScenarioException Problem(string path, string why) =>
            new([new ScenarioError(path, 1, 1, "", $"cannot read the scenario: {why}")]);
        if (path.Length == 0)
        {
            throw Problem("(empty path)", "no file name given");
        }
        if (Directory.Exists(path))
        {
            throw Problem(path, "it is a folder, not a file");
        }
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, MaxFileBytes + 1L - buffer.Length))) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxFileBytes)
                {
                    throw Problem(path, $"the file is larger than {MaxFileBytes / (1024 * 1024)} MB; a scenario file is a few kilobytes");
                }
            }
            return buffer.ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            string why = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : e.Message;
            throw Problem(path, why);
        }
    }

    /// <summary>Validates scenario text; <paramref name="file"/> names it in messages.</summary>
    /// <exception cref="ScenarioException">The text is invalid; carries every problem.</exception>
    /// <remarks>A register named by <c>risks_from</c> is read from the folder of <paramref name="file"/>.</remarks>
    public static Scenario Parse(string text, string file) => ParseWithRegister(text, file).Scenario;

    private static (Scenario Scenario, RegisterRead? Register) ParseWithRegister(string text, string file)
    {
        var reader = new ScenarioReader(file);
        var root = YamlTree.Parse(text, reader.Error);
        if (root is not null)
        {
            root = reader.LiftSources(root);
        }
        Scenario? scenario = root is null ? null : reader.ReadScenario(root);
        if (reader._errors.Count > 0 || scenario is null)
        {
            // The scenario file's problems first, in file order, then the register's, sheet by sheet in cell order.
            throw new ScenarioException(Listed(reader._errors
                .OrderBy(e => e.Cell is null ? 0 : 1).ThenBy(e => e.Cell is null ? "" : e.File, StringComparer.Ordinal)
                .ThenBy(e => e.Line).ThenBy(e => e.Column).ToList(), file));
        }
        return (scenario, reader._register);
    }
}
