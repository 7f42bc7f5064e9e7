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
    // Moving sends by destination set (bus sends by index, effect sends as 2 × index + side), each gathered again
    // only when one of its own sends changed: the two sets write different rows, so each keeps its order.
    private readonly int[] _movingBus, _movingFx;
    private int _movingBusCount, _movingFxCount;
    private bool _busChanged = true, _fxChanged = true;
    // A moving send came to rest and nothing else changed: it moves into its matrix row, in channel order, as a gather would put it.
    private bool _busRested, _fxRested;

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
        _movingBus = new int[channels * buses];
        _movingFx = new int[channels * 2 * fxSlots];
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
        // Unchanged sends keep the gathered matrices: gathering again would rebuild the same. A bus send that starts
        // moving leaves its matrix row for the moving list by itself (sends that came to rest settle first).
        bool busChanged = snap, fxChanged = snap;
        if (_busRested && !_busChanged) SettleBuses();
        for (int b = 0; b < _buses; b++)
        {
            int i = c * _buses + b, from = (_firstStrip + c) * _buses + b, tap = snapshot.SendTaps[from];
            ref LinearRamp send = ref _send[i];
            bool wasMoving = send.Remaining > 0, wasAtRest = !wasMoving && !send.IsSilent;
            bool moved = Set(ref send, snapshot.SendLevels[from], snap, rampSamples);
            if (tap != _sendTap[i]) busChanged = true;
            else if (moved && !busChanged && !_busChanged) busChanged = !StartMoving(i, wasMoving, wasAtRest);
            _sendTap[i] = tap;
            needsPreEq |= _sendTap[i] == TapPreEq && !_send[i].IsSilent;
        }

        for (int s = 0; s < _fxSlots; s++)
        {
            int i = c * _fxSlots + s, from = (_firstStrip + c) * _fxSlots + s;
            fxChanged |= Set(ref _fxSendLeft[i], snapshot.FxSendLeft[from], snap, rampSamples)
                | Set(ref _fxSendRight[i], snapshot.FxSendRight[from], snap, rampSamples)
                | _fxTap[i] != snapshot.FxTaps[from];
            _fxTap[i] = snapshot.FxTaps[from];
            needsPreEq |= _fxTap[i] == TapPreEq && !(_fxSendLeft[i].IsSilent && _fxSendRight[i].IsSilent);
        }

        if (_needsPreEq[c] != needsPreEq)
        {
            busChanged = fxChanged = true;
            _preEqStrips += needsPreEq ? 1 : -1;
        }

        _needsPreEq[c] = needsPreEq;
        _busChanged |= busChanged;
        _fxChanged |= fxChanged;
    }

    /// <summary>True when some audible send taps before the EQ (the strip bank then writes that tap).</summary>
    public bool AnyPreEqTap() => _preEqStrips > 0;

    /// <summary>Gathers the matrices if a send changed, and shortens <paramref name="frames"/> to where the first moving send comes to rest.</summary>
    public int PrepareChunk(int frames)
    {
        if (_busChanged) GatherBuses(AnyPreEqTap());
        else if (_busRested) SettleBuses();
        if (_fxChanged) GatherFx(AnyPreEqTap());
        else if (_fxRested) SettleFx();
        for (int k = 0; k < _movingBusCount; k++)
        {
            int left = _send[_movingBus[k]].Remaining;
            if (left > 0) frames = Math.Min(frames, left);
        }

        for (int k = 0; k < _movingFxCount; k++)
        {
            int left = FxRamp(_movingFx[k]).Remaining;
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
        for (int k = 0; k < _movingBusCount; k++) MoveBus(_movingBus[k], preEq, preFader, postFader, buses, frames);
        for (int k = 0; k < _movingFxCount; k++) MoveFx(_movingFx[k], preEq, preFader, postFader, fxInputs, frames);
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

    // Sorts every audible bus send into the bus matrix (at rest) or the moving list, channel by channel.
    private void GatherBuses(bool preEq)
    {
        _busChanged = _busRested = false;
        _busSends.Clear();
        _movingBusCount = 0;
        for (int c = 0; c < _channels; c++)
        {
            for (int b = 0; b < _buses; b++)
            {
                int i = c * _buses + b;
                ref LinearRamp send = ref _send[i];
                if (send.IsSilent || (_sendTap[i] == TapPreEq && !preEq)) continue;
                if (send.Remaining > 0) _movingBus[_movingBusCount++] = i;
                else _busSends.Add(b, _sendTap[i], c, send.Target);
            }
        }
    }

    // The same for the effect sends, each side of a slot its own row.
    private void GatherFx(bool preEq)
    {
        _fxChanged = _fxRested = false;
        _fxSends.Clear();
        _movingFxCount = 0;
        for (int c = 0; c < _channels; c++)
        {
            for (int fx = 0; fx < _fxSlots; fx++)
            {
                int i = c * _fxSlots + fx;
                if (_fxTap[i] == TapPreEq && !preEq) continue;
                for (int side = 0; side < 2; side++)
                {
                    ref LinearRamp send = ref side == 0 ? ref _fxSendLeft[i] : ref _fxSendRight[i];
                    if (send.IsSilent) continue;
                    if (send.Remaining > 0) _movingFx[_movingFxCount++] = 2 * i + side;
                    else _fxSends.Add(2 * fx + side, _fxTap[i], c, send.Target);
                }
            }
        }
    }

    // A bus send starts moving: out of its matrix row, into the moving list in index order, where a gather would put
    // it. False when the matrix did not hold it (then gather again).
    private bool StartMoving(int i, bool wasMoving, bool wasAtRest)
    {
        if (wasMoving || (_sendTap[i] == TapPreEq && !AnyPreEqTap())) return true;
        if (wasAtRest && !_busSends.Remove(i % _buses, i / _buses)) return false;
        int k = _movingBusCount++;
        for (; k > 0 && _movingBus[k - 1] > i; k--) _movingBus[k] = _movingBus[k - 1];
        _movingBus[k] = i;
        return true;
    }

    // Bus sends come to rest: out of the moving list (its order kept), into the matrix unless silent.
    private void SettleBuses()
    {
        _busRested = false;
        int kept = 0;
        for (int k = 0; k < _movingBusCount; k++)
        {
            int i = _movingBus[k];
            ref LinearRamp send = ref _send[i];
            if (send.Remaining > 0) _movingBus[kept++] = i;
            else if (!send.IsSilent) _busSends.Insert(i % _buses, _sendTap[i], i / _buses, send.Target);
        }

        _movingBusCount = kept;
    }

    // The same for effect send sides.
    private void SettleFx()
    {
        _fxRested = false;
        int kept = 0;
        for (int k = 0; k < _movingFxCount; k++)
        {
            int m = _movingFx[k], i = m / 2;
            ref LinearRamp send = ref FxRamp(m);
            if (send.Remaining > 0) _movingFx[kept++] = m;
            else if (!send.IsSilent) _fxSends.Insert(2 * (i % _fxSlots) + m % 2, _fxTap[i], i / _fxSlots, send.Target);
        }

        _movingFxCount = kept;
    }

    private ref LinearRamp FxRamp(int k) => ref k % 2 == 0 ? ref _fxSendLeft[k / 2] : ref _fxSendRight[k / 2];

    private static AudioBuffer Tap(int tap, AudioBuffer preEq, AudioBuffer preFader, AudioBuffer postFader) => tap switch
    {
        TapPreEq => preEq,
        TapPreFader => preFader,
        _ => postFader,
    };

    // One ramping bus send; once it comes to rest it settles into the bus matrix before the next chunk.
    private void MoveBus(int i, AudioBuffer preEq, AudioBuffer preFader, AudioBuffer postFader, AudioBuffer buses, int n)
    {
        ref LinearRamp send = ref _send[i];
        send.MultiplyAdd(Tap(_sendTap[i], preEq, preFader, postFader).Channel(i / _buses, n), buses.Channel(i % _buses, n));
        if (send.Remaining == 0) _busRested = true;
    }

    // One ramping effect send side.
    private void MoveFx(int k, AudioBuffer preEq, AudioBuffer preFader, AudioBuffer postFader, AudioBuffer fxInputs, int n)
    {
        int i = k / 2, side = k % 2;
        ref LinearRamp send = ref FxRamp(k);
        send.MultiplyAdd(Tap(_fxTap[i], preEq, preFader, postFader).Channel(i / _fxSlots, n), fxInputs.Channel(2 * (i % _fxSlots) + side, n));
        if (send.Remaining == 0) _fxRested = true;
    }
}
