using MixConsole.Dsp.Core;
using MixConsole.Engine.Compiler;

namespace MixConsole.Engine.Mixer;

/// <summary>
/// Every channel's sends to the mix buses and the effect inputs, on the audio thread: one <see cref="SendSet"/> per
/// destination set (the buses; the effect inputs, each side of a slot its own row), each gathered again only when one
/// of its own sends changed. A chunk ends where a moving send comes to rest, so every sample is summed in the same
/// order at any block size.
/// </summary>
internal sealed class SendMixer
{
    /// <summary>Tap before the EQ (after the high-pass).</summary>
    public const int TapPreEq = 0;

    /// <summary>Tap before the fader.</summary>
    public const int TapPreFader = 1;

    /// <summary>Tap after the fader.</summary>
    public const int TapPostFader = 2;

    private readonly int _buses, _fxSlots, _firstStrip;
    private readonly bool[] _needsPreEq;
    // Strips whose _needsPreEq is set, kept as it changes: asked twice a chunk.
    private int _preEqStrips;
    private readonly SendSet _busSends, _fxSends;

    /// <summary>Sends of <paramref name="channels"/> strips, the snapshot's strips from <paramref name="firstStrip"/> on (source rows 0..).</summary>
    public SendMixer(int channels, int buses, int fxSlots, int firstStrip = 0)
    {
        _firstStrip = firstStrip;
        _buses = buses;
        _fxSlots = fxSlots;
        _needsPreEq = new bool[channels];
        _busSends = new SendSet(channels, buses);
        _fxSends = new SendSet(channels, 2 * fxSlots);
    }

    /// <summary>
    /// The tap for an X32 send type (<see cref="Parameters.ConsoleAddressSpace.SendTypes"/>): IN/LC and &lt;-EQ tap
    /// before the EQ, EQ-> and PRE before the fader (after the EQ and dynamics), POST and GRP after the fader.
    /// </summary>
    public static int TapOfType(int type) => type switch
    {
        0 or 1 => TapPreEq,
        2 or 3 => TapPreFader,
        _ => TapPostFader,
    };

    /// <summary>Takes strip <paramref name="c"/>'s (of this mixer's) send gains and taps from <paramref name="snapshot"/> (jumping to them when <paramref name="snap"/>).</summary>
    public void Follow(int c, ConsoleSnapshot snapshot, bool snap, int rampSamples)
    {
        bool preEq = AnyPreEqTap(), needsPreEq = false;
        _busSends.BeginFollow(snap);
        for (int b = 0; b < _buses; b++)
        {
            int from = (_firstStrip + c) * _buses + b;
            needsPreEq |= _busSends.Follow(c, b, snapshot.SendLevels[from], snapshot.SendTaps[from], snap, rampSamples, preEq);
        }

        _fxSends.BeginFollow(snap);
        for (int s = 0; s < _fxSlots; s++)
        {
            int from = (_firstStrip + c) * _fxSlots + s, tap = snapshot.FxTaps[from];
            needsPreEq |= _fxSends.Follow(c, 2 * s, snapshot.FxSendLeft[from], tap, snap, rampSamples, preEq);
            needsPreEq |= _fxSends.Follow(c, 2 * s + 1, snapshot.FxSendRight[from], tap, snap, rampSamples, preEq);
        }

        if (_needsPreEq[c] != needsPreEq)
        {
            // Sends tapping before the EQ join or leave the mix.
            _busSends.MarkChanged();
            _fxSends.MarkChanged();
            _preEqStrips += needsPreEq ? 1 : -1;
        }

        _needsPreEq[c] = needsPreEq;
    }

    /// <summary>True when some audible send taps before the EQ (the strip bank then writes that tap).</summary>
    public bool AnyPreEqTap() => _preEqStrips > 0;

    /// <summary>Gathers the sets whose sends changed, and shortens <paramref name="frames"/> to where the first moving send comes to rest.</summary>
    public int PrepareChunk(int frames)
    {
        bool preEq = AnyPreEqTap();
        return _fxSends.PrepareChunk(_busSends.PrepareChunk(frames, preEq), preEq);
    }

    /// <summary>
    /// Adds <paramref name="frames"/> frames of every send into the bus rows of <paramref name="buses"/> and the
    /// effect input rows of <paramref name="fxInputs"/>, reading the taps (pre-EQ, pre-fader, post-fader buffers).
    /// </summary>
    public void Mix(AudioBuffer preEq, AudioBuffer preFader, AudioBuffer postFader, AudioBuffer buses, AudioBuffer fxInputs, int frames)
    {
        _busSends.Mix(preEq, preFader, postFader, buses, frames);
        _fxSends.Mix(preEq, preFader, postFader, fxInputs, frames);
    }
}
