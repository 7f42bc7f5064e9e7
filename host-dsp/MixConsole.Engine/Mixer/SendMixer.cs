using MixConsole.Dsp.Smoothing;
using MixConsole.Dsp.Core;
using MixConsole.Engine.Compiler;

namespace MixConsole.Engine.Mixer;

/// <summary>
/// Every channel's sends to the mix buses and the effect inputs, on the audio thread. Sends at rest are gathered
/// (only after a send changed) into a <see cref="SendMatrix"/> per destination set and mixed row by row; moving
/// sends ramp sample by sample, and a chunk ends where one comes to rest, so every sample is summed in the same
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

    private readonly int _channels, _buses, _fxSlots, _firstStrip;
    private readonly LinearRamp[] _send, _fxSendLeft, _fxSendRight;
    private readonly int[] _sendTap, _fxTap;
    private readonly bool[] _needsPreEq;
    // Strips whose _needsPreEq is set, kept as it changes: asked twice a chunk.
    private int _preEqStrips;
    private readonly SendMatrix _busSends, _fxSends;
    private readonly int[] _moving;
    private int _movingCount;
    private bool _changed = true;

    /// <summary>Sends of <paramref name="channels"/> strips, the snapshot's strips from <paramref name="firstStrip"/> on (source rows 0..).</summary>
    public SendMixer(int channels, int buses, int fxSlots, int firstStrip = 0)
    {
        _channels = channels;
        _firstStrip = firstStrip;
        _buses = buses;
        _fxSlots = fxSlots;
        _send = new LinearRamp[channels * buses];
        _sendTap = new int[channels * buses];
        _fxSendLeft = new LinearRamp[channels * fxSlots];
        _fxSendRight = new LinearRamp[channels * fxSlots];
        _fxTap = new int[channels * fxSlots];
        _needsPreEq = new bool[channels];
        _busSends = new SendMatrix(buses, channels, channels);
        _fxSends = new SendMatrix(2 * fxSlots, channels, channels);
        _moving = new int[channels * (buses + 2 * fxSlots)];
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
        bool needsPreEq = false;
        // Unchanged sends (a fader move re-sends them all) keep the gathered matrices: gathering again would rebuild the same.
        bool changed = snap;
        for (int b = 0; b < _buses; b++)
        {
            int i = c * _buses + b, from = (_firstStrip + c) * _buses + b;
            changed |= Set(ref _send[i], snapshot.SendLevels[from], snap, rampSamples) | _sendTap[i] != snapshot.SendTaps[from];
            _sendTap[i] = snapshot.SendTaps[from];
            needsPreEq |= _sendTap[i] == TapPreEq && !_send[i].IsSilent;
        }

        for (int s = 0; s < _fxSlots; s++)
        {
            int i = c * _fxSlots + s, from = (_firstStrip + c) * _fxSlots + s;
            changed |= Set(ref _fxSendLeft[i], snapshot.FxSendLeft[from], snap, rampSamples)
                | Set(ref _fxSendRight[i], snapshot.FxSendRight[from], snap, rampSamples)
                | _fxTap[i] != snapshot.FxTaps[from];
            _fxTap[i] = snapshot.FxTaps[from];
            needsPreEq |= _fxTap[i] == TapPreEq && !(_fxSendLeft[i].IsSilent && _fxSendRight[i].IsSilent);
        }

        if (_needsPreEq[c] != needsPreEq)
        {
            changed = true;
            _preEqStrips += needsPreEq ? 1 : -1;
        }

        _needsPreEq[c] = needsPreEq;
        if (changed) _changed = true;
    }

    /// <summary>True when some audible send taps before the EQ (the strip bank then writes that tap).</summary>
    public bool AnyPreEqTap() => _preEqStrips > 0;

    /// <summary>Gathers the matrices if a send changed, and shortens <paramref name="frames"/> to where the first moving send comes to rest.</summary>
    public int PrepareChunk(int frames)
    {
        if (_changed) Gather(AnyPreEqTap());
        for (int k = 0; k < _movingCount; k++)
        {
            int left = SendRamp(_moving[k]).Remaining;
            if (left > 0) frames = Math.Min(frames, left);
        }

        return frames;
    }

    /// <summary>
    /// Adds <paramref name="frames"/> frames of every send into the bus rows of <paramref name="buses"/> and the
    /// effect input rows of <paramref name="fxInputs"/>, reading the taps (pre-EQ, pre-fader, post-fader buffers).
    /// </summary>
    public void Mix(AudioBuffer preEq, AudioBuffer preFader, AudioBuffer postFader, AudioBuffer buses, AudioBuffer fxInputs, int frames)
    {
        for (int k = 0; k < _movingCount; k++) Move(_moving[k], preEq, preFader, postFader, buses, fxInputs, frames);
        _busSends.MixInto(preEq.RawData, preFader.RawData, postFader.RawData, preFader.Stride, buses.RawData, buses.Stride, frames);
        _fxSends.MixInto(preEq.RawData, preFader.RawData, postFader.RawData, preFader.Stride, fxInputs.RawData, fxInputs.Stride, frames);
    }

    // True when the ramp's target moved (a ramp already heading there, or there, is left alone).
    private static bool Set(ref LinearRamp ramp, float target, bool snap, int rampSamples)
    {
        bool moved = ramp.Target != target;
        if (snap) ramp.Snap(target);
        else ramp.SetTarget(target, rampSamples);
        return moved;
    }

    // Sorts every audible send into the matrices (at rest) or the moving list.
    private void Gather(bool preEq)
    {
        _changed = false;
        _busSends.Clear();
        _fxSends.Clear();
        _movingCount = 0;
        int fxBase = _channels * _buses;
        for (int c = 0; c < _channels; c++)
        {
            for (int b = 0; b < _buses; b++)
            {
                int i = c * _buses + b;
                ref LinearRamp send = ref _send[i];
                if (send.IsSilent || (_sendTap[i] == TapPreEq && !preEq)) continue;
                if (send.Remaining > 0) _moving[_movingCount++] = i;
                else _busSends.Add(b, _sendTap[i], c, send.Target);
            }

            for (int fx = 0; fx < _fxSlots; fx++)
            {
                int i = c * _fxSlots + fx;
                if (_fxTap[i] == TapPreEq && !preEq) continue;
                for (int side = 0; side < 2; side++)
                {
                    ref LinearRamp send = ref side == 0 ? ref _fxSendLeft[i] : ref _fxSendRight[i];
                    if (send.IsSilent) continue;
                    if (send.Remaining > 0) _moving[_movingCount++] = fxBase + 2 * i + side;
                    else _fxSends.Add(2 * fx + side, _fxTap[i], c, send.Target);
                }
            }
        }
    }

    private ref LinearRamp SendRamp(int k)
    {
        int fxBase = _channels * _buses;
        if (k < fxBase) return ref _send[k];
        int i = (k - fxBase) / 2;
        return ref (k - fxBase) % 2 == 0 ? ref _fxSendLeft[i] : ref _fxSendRight[i];
    }

    // One ramping send; once it comes to rest the matrices are gathered again before the next chunk.
    private void Move(int k, AudioBuffer preEq, AudioBuffer preFader, AudioBuffer postFader, AudioBuffer buses, AudioBuffer fxInputs, int n)
    {
        int fxBase = _channels * _buses;
        bool toBus = k < fxBase;
        int i = toBus ? k : (k - fxBase) / 2, side = toBus ? 0 : (k - fxBase) % 2;
        int tap = toBus ? _sendTap[k] : _fxTap[i];
        int channel = toBus ? k / _buses : i / _fxSlots;
        AudioBuffer source = tap switch
        {
            TapPreEq => preEq,
            TapPreFader => preFader,
            _ => postFader,
        };
        Span<float> destination = toBus ? buses.Channel(k % _buses, n) : fxInputs.Channel(2 * (i % _fxSlots) + side, n);
        ref LinearRamp send = ref SendRamp(k);
        send.MultiplyAdd(source.Channel(channel, n), destination);
        if (send.Remaining == 0) _changed = true;
    }
}
