using MixConsole.Dsp.Core;

namespace MixConsole.Engine.Metering;

/// <summary>
/// The meter stream of a mixer: the audio thread publishes one frame (<see cref="MeterLayout"/>)
/// every 1/<see cref="PublishRateHz"/> s into a lock-free ring; one control thread drains it.
/// A full ring drops the new frame and counts it in the next frame's header.
/// </summary>
public sealed class MixerMeters
{
    /// <summary>Frames published per second of audio.</summary>
    public const double PublishRateHz = 30;

    /// <summary>Frames the ring holds (about half a second at the publish rate).</summary>
    public const int RingFrames = 16;

    private readonly SpscRing<float> _ring;
    private readonly float[] _pending;
    private float _lost;

    /// <summary>Creates the stream for <paramref name="layout"/>.</summary>
    public MixerMeters(MeterLayout layout)
    {
        Layout = layout ?? throw new ArgumentNullException(nameof(layout));
        _ring = new SpscRing<float>(layout.FrameLength * RingFrames);
        _pending = new float[layout.FrameLength];
    }

    /// <summary>What each float of a frame means.</summary>
    public MeterLayout Layout { get; }

    /// <summary>Frames waiting to be read.</summary>
    public int FramesAvailable => _ring.Count / Layout.FrameLength;

    /// <summary>Control thread: takes the oldest frame into <paramref name="frame"/>; false when none is waiting.</summary>
    public bool TryRead(Span<float> frame)
    {
        if (frame.Length < Layout.FrameLength) throw new ArgumentException($"a frame needs {Layout.FrameLength} floats", nameof(frame));
        if (_ring.Count < Layout.FrameLength) return false;
        _ring.Read(frame[..Layout.FrameLength]);
        return true;
    }

    /// <summary>Control thread: drains every waiting frame, keeping the newest in <paramref name="frame"/>; false when none was waiting.</summary>
    public bool TryReadLatest(Span<float> frame)
    {
        bool any = false;
        while (TryRead(frame)) any = true;
        return any;
    }

    /// <summary>Audio thread: the frame to fill before <see cref="Publish"/>.</summary>
    internal Span<float> PendingFrame => _pending;

    /// <summary>Audio thread: publishes the pending frame (all or nothing). Allocation-free.</summary>
    internal void Publish()
    {
        _pending[Layout.FramesLost] = _lost;
        if (_ring.TryWrite(_pending)) _lost = 0;
        else _lost++;
    }
}
