namespace RiskSim.Tests;

/// <summary>
/// The 256-bit sampling kernels are the 512-bit ones with the width changed, so that a kernel mended on one width
/// cannot silently differ on the other (the twins' bits are also checked by <see cref="ColumnMathTests"/>).
/// </summary>
public class ColumnMathSourceTests
{
    private static string Sampling => Path.Combine(TestPaths.RepoRoot, "src", "RiskSim.Core", "Sampling");

    // The command that makes the 256-bit file from the 512-bit one (the header comment is each file's own):
    //   sed -e 's/512/256/g' ColumnMath.Vector512.cs > ColumnMath.Vector256.cs
    private static string Body(string source) =>
        string.Join('\n', source.Split('\n').SkipWhile(line => line.StartsWith("using ", StringComparison.Ordinal) || line.Length == 0
            || line.StartsWith("namespace ", StringComparison.Ordinal) || line.StartsWith("//", StringComparison.Ordinal)));

    [Fact]
    public void The_256_bit_sampling_kernels_are_the_512_bit_ones_with_the_width_changed()
    {
        string wide = File.ReadAllText(Path.Combine(Sampling, "ColumnMath.Vector512.cs"));
        string narrow = File.ReadAllText(Path.Combine(Sampling, "ColumnMath.Vector256.cs"));
        Assert.Contains("Vector512", Body(wide), StringComparison.Ordinal);
        Assert.True(Body(wide).Replace("512", "256", StringComparison.Ordinal) == Body(narrow),
            "ColumnMath.Vector256.cs is not ColumnMath.Vector512.cs with the width changed: regenerate it (see this test)");
    }

    [Fact]
    public void A_changed_operation_on_one_width_is_caught()
    {
        string wide = File.ReadAllText(Path.Combine(Sampling, "ColumnMath.Vector512.cs"));
        string narrow = File.ReadAllText(Path.Combine(Sampling, "ColumnMath.Vector256.cs"));
        int at = narrow.IndexOf(" * ", StringComparison.Ordinal);
        Assert.True(at > 0);
        string mended = string.Concat(narrow.AsSpan(0, at), " / ", narrow.AsSpan(at + 3));
        Assert.False(Body(wide).Replace("512", "256", StringComparison.Ordinal) == Body(mended));
    }
}
