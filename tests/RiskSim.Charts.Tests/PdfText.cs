using System.Text;
using System.Text.RegularExpressions;

namespace RiskSim.Charts.Tests;

/// <summary>Reads a printed PDF: its page count from the file itself, and each page's text through poppler's pdftotext.</summary>
internal static partial class PdfText
{
    /// <summary>Pages of a PDF: the page objects (<c>/Type /Page</c>, not <c>/Pages</c>) Chromium writes uncompressed.</summary>
    public static int PageCount(string pdf) => PageObject().Count(Encoding.Latin1.GetString(File.ReadAllBytes(pdf)));

    /// <summary>The text of each page, in order; fails the test (never skips it) when pdftotext is not installed.</summary>
    public static async Task<IReadOnlyList<string>> PagesAsync(string pdf)
    {
        string? tool = new[] { "/usr/bin/pdftotext", "/usr/local/bin/pdftotext" }.FirstOrDefault(File.Exists);
        Assert.True(tool is not null,
            "pdftotext is not installed, and the print test needs it: .ci/run installs Debian's package "
            + "(apt-get install poppler-utils); on a developer machine run: sudo apt-get install poppler-utils");
        string text = Path.ChangeExtension(pdf, ".txt");
        var run = await ChildProcess.RunAsync(tool!, ["-layout", "-enc", "UTF-8", pdf, text], TimeSpan.FromSeconds(60), "pdftotext could not be started");
        Assert.True(run.ExitCode == 0 && File.Exists(text), $"pdftotext failed: {run}");
        var pages = File.ReadAllText(text, Encoding.UTF8).Split('\f').ToList();
        if (pages.Count > 0 && pages[^1].Trim().Length == 0)
        {
            pages.RemoveAt(pages.Count - 1);
        }
        return pages;
    }

    [GeneratedRegex(@"/Type\s*/Page(?![A-Za-z])")]
    private static partial Regex PageObject();
}
