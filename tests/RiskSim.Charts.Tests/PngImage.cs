using SkiaSharp;

namespace RiskSim.Charts.Tests;

/// <summary>A decoded PNG and the pixel checks the chart tests make: size, distinct colours, ink in a band.</summary>
internal sealed class PngImage : IDisposable
{
    private readonly SKBitmap _bitmap;

    private PngImage(SKBitmap bitmap) => _bitmap = bitmap;

    public int Width => _bitmap.Width;

    public int Height => _bitmap.Height;

    /// <summary>Decodes PNG bytes; fails the test when they are not a PNG.</summary>
    public static PngImage Decode(byte[] bytes)
    {
        Assert.True(bytes.Length > 8 && bytes[0] == 0x89 && bytes[1] == (byte)'P' && bytes[2] == (byte)'N' && bytes[3] == (byte)'G',
            "not a PNG signature");
        using var codec = SKCodec.Create(new MemoryStream(bytes));
        Assert.NotNull(codec);
        Assert.Equal(SKEncodedImageFormat.Png, codec.EncodedFormat);
        var bitmap = SKBitmap.Decode(bytes);
        Assert.NotNull(bitmap);
        return new PngImage(bitmap);
    }

    public static PngImage Load(string path) => Decode(File.ReadAllBytes(path));

    /// <summary>Number of distinct colours in the whole image.</summary>
    public int DistinctColours()
    {
        var colours = new HashSet<uint>();
        foreach (var pixel in _bitmap.Pixels)
        {
            colours.Add((uint)pixel);
        }
        return colours.Count;
    }

    /// <summary>Pixels darker than mid-grey in rows [top, bottom): text on a white background.</summary>
    public int DarkPixels(int top, int bottom, int left = 0, int right = -1)
    {
        right = right < 0 ? Width : right;
        int count = 0;
        for (int y = Math.Max(0, top); y < Math.Min(Height, bottom); y++)
        {
            for (int x = Math.Max(0, left); x < Math.Min(Width, right); x++)
            {
                var c = _bitmap.GetPixel(x, y);
                if (0.299 * c.Red + 0.587 * c.Green + 0.114 * c.Blue < 110)
                {
                    count++;
                }
            }
        }
        return count;
    }

    public void Dispose() => _bitmap.Dispose();
}
