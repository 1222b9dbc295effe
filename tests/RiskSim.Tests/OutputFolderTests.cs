using System.Text;
using RiskSim.Cli.Commands;
using RiskSim.Cli.Output;
using RiskSim.IO.Results;

namespace RiskSim.Tests;

/// <summary>
/// Output folders: safe names whatever a file is called, the whole-folder swap, refusing folders RiskSim did not
/// write, reclaiming what a killed run left, and text made safe for the terminal.
/// </summary>
public sealed class OutputFolderTests
{
    public static TheoryData<string> OddNames => new()
    {
        "...", "..", ".", "", ".hidden", "a/b", "a\\b", "../../etc", "x\0y", "\u001b]0;owned\u0007", "tab\there", "new\nline",
        "café", "名前", new string('a', 300), "-", "a b",
    };

    [Theory]
    [MemberData(nameof(OddNames))]
    public void A_safe_name_is_one_plain_folder_name_inside_its_parent(string name)
    {
        string safe = FolderNames.Safe(name);

        Assert.NotEqual("", safe);
        Assert.NotEqual(".", safe);
        Assert.NotEqual("..", safe);
        Assert.False(safe.StartsWith('.'), safe);
        Assert.True(safe.Length <= FolderNames.MaxPartLength, safe);
        Assert.All(safe, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-', $"'{c}' in {safe}"));
        string parent = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "parent"));
        Assert.Equal(parent, Path.GetDirectoryName(Path.GetFullPath(Path.Combine(parent, safe))));
    }

    [Fact]
    public void A_plain_name_is_kept_as_it_is()
    {
        Assert.Equal("worcestershire-shared-ict_v2.1", FolderNames.Safe("worcestershire-shared-ict_v2.1"));
        Assert.Equal("x--late-ict", FolderNames.Run("scenarios/x.yaml", "late-ict"));
    }

    [Theory]
    [InlineData("...yaml", "")]
    [InlineData("..yaml", "")]
    [InlineData(".yaml", "")]
    [InlineData("x.yaml", "../../../escape")]
    [InlineData("x.yaml", "..")]
    [InlineData("a\u001b[2Jb.yaml", "")]
    public void The_default_run_folder_is_always_one_level_below_results(string fileName, string variant)
    {
        var options = new RunOptions(Path.Combine(Path.GetTempPath(), fileName), null, null, 0, null, null, true,
            Variant: variant.Length == 0 ? null : variant);

        string folder = RunHandler.DefaultFolder(options);

        string results = Path.GetFullPath("results");
        Assert.Equal(results, Path.GetDirectoryName(Path.GetFullPath(folder)));
        Assert.False(Path.GetFileName(folder).StartsWith('.'), folder);
    }

    [Fact]
    public void Distinct_names_get_numbered_suffixes_in_order_ignoring_case()
    {
        Assert.Equal(["x", "x--v", "x--v-2", "X-2", "x-3", "x-2-2"], FolderNames.Distinct(["x", "x--v", "x--v", "X", "x", "x-2"]));
    }

    [Fact]
    public void Terminal_text_escapes_control_and_invisible_format_characters()
    {
        Assert.Equal("plain [text] £1.2m", TerminalText.Safe("plain [text] £1.2m"));
        Assert.Equal("a\\x1b]0;x\\x07b\\x00c\\x7f\\x9b\\u202e\\u2028", TerminalText.Safe("a\u001b]0;x\u0007b\0c\u007f\u009b\u202e\u2028"));
    }

    [Fact]
    public void Nothing_reaches_the_folder_before_commit_and_the_commit_replaces_it_whole()
    {
        string parent = TestPaths.NewTempFolder("swap");
        string final = Path.Combine(parent, "out");
        WriteRun(final, ("run.json", RiskSimRunJson), ("old-only.csv", "old"), ("summary.csv", "old summary"));

        using (var folder = OutputFolder.Open(final))
        {
            File.WriteAllText(folder.Stage("summary.csv"), "new summary");
            File.WriteAllText(folder.Stage("run.json"), RiskSimRunJson);
            Assert.Equal("old summary", File.ReadAllText(Path.Combine(final, "summary.csv")));
            folder.Commit();
        }

        Assert.Equal(["run.json", "summary.csv"], Names(final));
        Assert.Equal("new summary", File.ReadAllText(Path.Combine(final, "summary.csv")));
        Assert.Equal(["out"], Names(parent));
    }

    [Fact]
    public void An_uncommitted_folder_leaves_the_previous_run_and_no_temporaries()
    {
        string parent = TestPaths.NewTempFolder("no-commit");
        string final = Path.Combine(parent, "out");
        WriteRun(final, ("run.json", RiskSimRunJson));

        using (var folder = OutputFolder.Open(final))
        {
            File.WriteAllText(folder.Stage("summary.csv"), "new");
            Assert.True(Directory.Exists(folder.StagingPath));
        }

        Assert.Equal(["run.json"], Names(final));
        Assert.Equal(["out"], Names(parent));
    }

    [Fact]
    public void A_staged_name_cannot_leave_the_folder()
    {
        string parent = TestPaths.NewTempFolder("stage-names");
        using var folder = OutputFolder.Open(Path.Combine(parent, "out"));

        foreach (string bad in new[] { "../x", "..", ".", "", "a/b", "a\\b", "a\0b" })
        {
            Assert.Throws<ArgumentException>(() => folder.Stage(bad));
        }
    }

    [Theory]
    [InlineData("notes.txt")]
    [InlineData("run.json")]
    public void A_folder_with_files_RiskSim_did_not_write_is_refused_and_left_alone(string userFile)
    {
        string parent = TestPaths.NewTempFolder("foreign");
        string final = Path.Combine(parent, "mine");
        // A run.json that is not RiskSim's does not make the folder a run.
        WriteRun(final, (userFile, "{\"tool\": \"something else\"}"));

        var e = Assert.Throws<OutputFolderException>(() => OutputFolder.Open(final));

        Assert.Contains(userFile, e.Message, StringComparison.Ordinal);
        Assert.Contains(final, e.Message, StringComparison.Ordinal);
        Assert.Equal([userFile], Names(final));
        Assert.Equal(["mine"], Names(parent));
    }

    [Fact]
    public void A_refused_folder_keeps_even_files_named_like_temporaries()
    {
        string parent = TestPaths.NewTempFolder("foreign-partial");
        string final = Path.Combine(parent, "mine");
        WriteRun(final, ("notes.txt", "mine"), (".draft.0badf00d.partial", "mine too"));

        Assert.Throws<OutputFolderException>(() => OutputFolder.Open(final));

        Assert.Equal([".draft.0badf00d.partial", "notes.txt"], Names(final));
    }

    [Fact]
    public void A_folder_holding_only_a_killed_runs_staged_files_is_reused()
    {
        string parent = TestPaths.NewTempFolder("only-partials");
        string final = Path.Combine(parent, "out");
        WriteRun(final, (".summary.csv.999999999-0badf00d.partial", "killed"));

        using (var folder = OutputFolder.Open(final))
        {
            Assert.Empty(Names(final));
            File.WriteAllText(folder.Stage("run.json"), RiskSimRunJson);
            folder.Commit();
        }
        Assert.Equal(["run.json"], Names(final));
    }

    [Fact]
    public void A_run_folder_holding_a_sub_folder_is_refused()
    {
        string parent = TestPaths.NewTempFolder("subfolder");
        string final = Path.Combine(parent, "out");
        WriteRun(final, ("run.json", RiskSimRunJson));
        Directory.CreateDirectory(Path.Combine(final, "my-notes"));

        var e = Assert.Throws<OutputFolderException>(() => OutputFolder.Open(final));

        Assert.Contains("my-notes", e.Message, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(final, "my-notes")));
    }

    [Fact]
    public void An_empty_path_is_refused()
    {
        Assert.Throws<OutputFolderException>(() => OutputFolder.Open(""));
    }

    [Fact]
    public void Opening_reclaims_a_killed_runs_staging_and_old_folders_and_partial_files()
    {
        string parent = TestPaths.NewTempFolder("reclaim");
        string final = Path.Combine(parent, "out");
        WriteRun(final, ("run.json", RiskSimRunJson), (".summary.csv.0badf00d.partial", "old style"),
            (".run.json.999999999-0badf00d.partial", "killed"));
        WriteRun(Path.Combine(parent, $".out.{DeadToken}.staging"), ("summary.csv", "half"));
        WriteRun(Path.Combine(parent, ".out.999999998-12345678.old"), ("run.json", RiskSimRunJson));
        // Not RiskSim's temporaries (no token), and another folder's: left alone.
        WriteRun(Path.Combine(parent, ".out.mine.staging"), ("keep.txt", "keep"));
        WriteRun(Path.Combine(parent, $".other.{DeadToken}.staging"), ("keep.txt", "keep"));

        using (OutputFolder.Open(final))
        {
            Assert.Equal(["run.json"], Names(final));
        }

        Assert.Equal([".other." + DeadToken + ".staging", ".out.mine.staging", "out"], Names(parent));
    }

    [Fact]
    public void A_swap_cut_short_after_its_first_rename_is_finished_by_the_next_open()
    {
        string parent = TestPaths.NewTempFolder("half-swap");
        string final = Path.Combine(parent, "out");
        WriteRun(Path.Combine(parent, $".out.{DeadToken}.old"), ("run.json", RiskSimRunJson), ("summary.csv", "old"));
        WriteRun(Path.Combine(parent, $".out.{DeadToken}.staging"), ("run.json", RiskSimRunJson), ("summary.csv", "new"));

        using (OutputFolder.Open(final))
        {
            // The staging folder was complete (it is swapped in only then): it becomes the folder.
            Assert.Equal("new", File.ReadAllText(Path.Combine(final, "summary.csv")));
        }
        Assert.Equal(["out"], Names(parent));
    }

    [Fact]
    public void A_swap_cut_short_with_no_staging_folder_left_gets_the_old_run_back()
    {
        string parent = TestPaths.NewTempFolder("half-swap-old");
        string final = Path.Combine(parent, "out");
        WriteRun(Path.Combine(parent, $".out.{DeadToken}.old"), ("run.json", RiskSimRunJson), ("summary.csv", "old"));

        using (OutputFolder.Open(final))
        {
            Assert.Equal("old", File.ReadAllText(Path.Combine(final, "summary.csv")));
        }
        Assert.Equal(["out"], Names(parent));
    }

    [Fact]
    public void A_live_runs_staging_folder_is_not_reclaimed()
    {
        string parent = TestPaths.NewTempFolder("live");
        string final = Path.Combine(parent, "out");

        using var first = OutputFolder.Open(final);
        File.WriteAllText(first.Stage("run.json"), RiskSimRunJson);
        using (OutputFolder.Open(final))
        {
            Assert.True(File.Exists(first.Stage("run.json")));
        }
        first.Commit();
        Assert.Equal(["run.json"], Names(final));
    }

    [Fact]
    public void A_symbolic_link_to_a_folder_stays_a_link_and_its_target_is_replaced()
    {
        string parent = TestPaths.NewTempFolder("link");
        string target = Path.Combine(parent, "real");
        WriteRun(target, ("run.json", RiskSimRunJson), ("old.csv", "old"));
        string link = Path.Combine(parent, "link");
        Directory.CreateSymbolicLink(link, target);

        using (var folder = OutputFolder.Open(link))
        {
            File.WriteAllText(folder.Stage("run.json"), RiskSimRunJson);
            folder.Commit();
        }

        Assert.NotNull(new DirectoryInfo(link).LinkTarget);
        Assert.Equal(["run.json"], Names(target));
    }

    [Fact]
    public void A_file_set_replaces_its_files_together_and_deletes_the_ones_it_no_longer_writes()
    {
        string root = TestPaths.NewTempFolder("file-set");
        WriteRun(root, ("a.csv", "old a"), ("b.png", "old b"), ("notes.txt", "user"), (".a.csv.999999999-0badf00d.partial", "killed"));

        using (var files = FileSetFolder.Open(root, ["a.csv", "b.png"], ["a.csv"]))
        {
            File.WriteAllText(files.Stage("a.csv"), "new a");
            Assert.Equal("old a", File.ReadAllText(Path.Combine(root, "a.csv")));
            Assert.Throws<ArgumentException>(() => files.Stage("notes.txt"));
            files.Commit();
        }

        Assert.Equal(["a.csv", "notes.txt"], Names(root));
        Assert.Equal("new a", File.ReadAllText(Path.Combine(root, "a.csv")));
    }

    [Fact]
    public void A_file_set_in_a_folder_of_other_files_without_its_marker_is_refused()
    {
        string root = TestPaths.NewTempFolder("file-set-foreign");
        WriteRun(root, ("index.html", "the user's own page"));

        Assert.Throws<OutputFolderException>(() => FileSetFolder.Open(root, ["a.csv", "index.html"], ["a.csv"]));
        Assert.Equal("the user's own page", File.ReadAllText(Path.Combine(root, "index.html")));
    }

    // ---- helpers ------------------------------------------------------------------------------

    /// <summary>A token of a process that cannot exist (pids stay far below this).</summary>
    private const string DeadToken = "999999999-0badf00d";

    private const string RiskSimRunJson = "{\"tool\": \"RiskSim\"}";

    private static void WriteRun(string folder, params (string Name, string Text)[] files)
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, text) in files)
        {
            File.WriteAllText(Path.Combine(folder, name), text, new UTF8Encoding(false));
        }
    }

    private static string[] Names(string folder) =>
        Directory.GetFileSystemEntries(folder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
}
