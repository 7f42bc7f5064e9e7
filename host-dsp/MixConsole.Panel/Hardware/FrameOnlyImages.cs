using System.Drawing;
using Iot.Device.Graphics;

namespace MixConsole.Panel.Hardware;

/// <summary>
/// The image factory Iot.Device.Ssd13xx 4.x asks for when it builds its back buffer. The panel draws text into its
/// own page buffer and sends it with <c>SendData</c>, so the back buffer only has to exist: plain memory, no image
/// library (SkiaSharp's adapter is a separate package the panel does not need).
/// </summary>
internal sealed class FrameOnlyImages : IImageFactory
{
    private static int s_registered;

    /// <summary>Registers the factory once per process.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 0)
        {
            BitmapImage.RegisterImageFactory(new FrameOnlyImages());
        }
    }

    public BitmapImage CreateBitmap(int width, int height, PixelFormat pixelFormat) => new MemoryImage(width, height, pixelFormat);

    public BitmapImage CreateFromStream(Stream file) => throw new NotSupportedException("the panel draws no image files");

    private sealed class MemoryImage(int width, int height, PixelFormat format) : BitmapImage(width, height, width * 4, format)
    {
        private readonly int[] _pixels = new int[width * height];

        public override void SetPixel(int x, int y, Color color) => _pixels[(y * Width) + x] = color.ToArgb();

        public override Color GetPixel(int x, int y) => Color.FromArgb(_pixels[(y * Width) + x]);

        public override Span<byte> AsByteSpan() => System.Runtime.InteropServices.MemoryMarshal.AsBytes(_pixels.AsSpan());

        public override void SaveToStream(Stream stream, ImageFileType format) => throw new NotSupportedException("the panel saves no images");

        public override IGraphics GetDrawingApi() => throw new NotSupportedException("the panel draws text itself");

        protected override void Dispose(bool disposing)
        {
        }
    }
}
