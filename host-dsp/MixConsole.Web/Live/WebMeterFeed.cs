using System.Buffers.Binary;
using MixConsole.Control.Meters;

namespace MixConsole.Web.Live;

/// <summary>
/// Meters for the pages: listens to the OSC server's meter snapshots and, 30 times a second, writes one binary
/// frame that every page gets (its unsent frame replaced). The frame is written into one buffer made here.
/// <code>
/// 'M' 'T' 'R' '2' | uint32 LE sequence | uint16 LE channels | uint16 LE buses | uint16 LE first screen value | uint16 LE count
/// | float32 LE x count (the OSC meter layout: the values X32 banks pick from, then its screen section of RMS and bus gains)
/// </code>
/// </summary>
public sealed class WebMeterFeed : IMeterListener
{
    /// <summary>Frames per second sent to each page.</summary>
    public const int FramesPerSecond = 30;

    /// <summary>Bytes before the values.</summary>
    public const int HeaderBytes = 16;

    private readonly WebSocketOscTransport _pages;
    private readonly byte[] _frame;
    private readonly int _count;
    private readonly long _intervalTicks;
    private long _next = long.MinValue;
    private uint _sequence;

    /// <summary>Feeds the pages of <paramref name="pages"/> in the order of <paramref name="layout"/>.</summary>
    public WebMeterFeed(WebSocketOscTransport pages, OscMeterLayout layout, TimeProvider? time = null)
    {
        _pages = pages ?? throw new ArgumentNullException(nameof(pages));
        ArgumentNullException.ThrowIfNull(layout);
        _count = layout.Count;
        _frame = new byte[FrameBytes(layout)];
        "MTR2"u8.CopyTo(_frame);
        BinaryPrimitives.WriteUInt16LittleEndian(_frame.AsSpan(8), (ushort)layout.Channels);
        BinaryPrimitives.WriteUInt16LittleEndian(_frame.AsSpan(10), (ushort)layout.Buses);
        BinaryPrimitives.WriteUInt16LittleEndian(_frame.AsSpan(12), (ushort)layout.FirstScreenValue);
        BinaryPrimitives.WriteUInt16LittleEndian(_frame.AsSpan(14), (ushort)layout.Count);
        _intervalTicks = (time ?? TimeProvider.System).TimestampFrequency / FramesPerSecond;
    }

    /// <summary>Frames written so far.</summary>
    public long FramesWritten => _sequence;

    /// <summary>Length of one frame for <paramref name="layout"/>.</summary>
    public static int FrameBytes(OscMeterLayout layout) => HeaderBytes + 4 * (layout ?? throw new ArgumentNullException(nameof(layout))).Count;

    /// <inheritdoc/>
    public void OnMeters(ReadOnlySpan<float> linear, long timestamp)
    {
        if (timestamp < _next)
        {
            return;
        }

        // Steps of exactly 1/30 s keep 30 frames a second on average over 10 ms control steps; after a stall, restart.
        _next = _next == long.MinValue || timestamp - _next > _intervalTicks ? timestamp + _intervalTicks : _next + _intervalTicks;
        ReadOnlySpan<WebPage> pages = _pages.Pages;
        if (pages.IsEmpty)
        {
            return;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(_frame.AsSpan(4), ++_sequence);
        Span<byte> values = _frame.AsSpan(HeaderBytes);
        for (int i = 0; i < _count; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(values.Slice(4 * i), linear[i]);
        }

        foreach (WebPage page in pages)
        {
            page.OfferMeters(_frame);
        }
    }
}
