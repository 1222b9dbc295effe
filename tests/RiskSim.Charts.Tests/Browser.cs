namespace RiskSim.Charts.Tests;

/// <summary>
/// Debian's Chromium, run headless with the network disabled (every request goes to a proxy on the discard port,
/// loopback included), a fresh profile each time and no background services.
/// </summary>
internal static class Browser
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    /// <summary>The browser's path; fails the test (never skips it) when none is installed.</summary>
    public static string Find()
    {
        string? found = Candidates.FirstOrDefault(File.Exists)
            ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
                .Select(dir => Path.Combine(dir, "chromium")).FirstOrDefault(File.Exists);
        Assert.True(found is not null,
            "Chromium is not installed, and the report's browser test needs it: .ci/run installs Debian's package "
            + "(apt-get install chromium); on a developer machine run: sudo apt-get install chromium");
        return found!;
    }

    /// <summary>Loads the page and returns the DOM after the load event.</summary>
    public static async Task<string> DumpDomAsync(string chromium, string page)
    {
        var run = await RunAsync(chromium, page, ["--dump-dom"]);
        Assert.True(run.ExitCode == 0 && run.Stdout.Contains("</html>", StringComparison.Ordinal), $"chromium --dump-dom failed: {run}");
        return run.Stdout;
    }

    /// <summary>Saves a screenshot of the page's first screen.</summary>
    public static async Task ScreenshotAsync(string chromium, string page, string png, int width, int height)
    {
        var run = await RunAsync(chromium, page, ["--hide-scrollbars", $"--window-size={width},{height}", $"--screenshot={png}"]);
        Assert.True(run.ExitCode == 0 && File.Exists(png), $"chromium --screenshot failed: {run}");
    }

    /// <summary>Prints the page to a PDF as the print dialog would on A4 (the page's own @page rules), without the browser's own header and footer.</summary>
    public static async Task PrintToPdfAsync(string chromium, string page, string pdf)
    {
        var run = await RunAsync(chromium, page, ["--no-pdf-header-footer", $"--print-to-pdf={pdf}"]);
        Assert.True(run.ExitCode == 0 && File.Exists(pdf), $"chromium --print-to-pdf failed: {run}");
    }

    private static async Task<ChildOutcome> RunAsync(string chromium, string page, string[] extra)
    {
        string profile = TestPaths.NewTempFolder("chromium-profile");
        try
        {
            string[] arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
                "--disable-default-apps", "--mute-audio", $"--user-data-dir={profile}",
                "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                .. extra,
                new Uri(page).AbsoluteUri,
            ];
            return await ChildProcess.RunAsync(chromium, arguments, TimeSpan.FromSeconds(90), "Chromium could not be started");
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // A profile left in the temporary folder does no harm.
            }
        }
    }
}
