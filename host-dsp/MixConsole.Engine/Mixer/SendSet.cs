using MixConsole.Dsp.Core;
using MixConsole.Dsp.Smoothing;

namespace MixConsole.Engine.Mixer;

/// <summary>
/// The sends of every channel into one set of destination rows (the mix buses, or the effect inputs' sides), on the
/// audio thread. Sends at rest are gathered (only after a send changed) into a <see cref="SendMatrix"/>; moving sends
/// ramp sample by sample from a list in send order. A send that starts moving or comes to rest changes places by
/// itself, where a gather would put it, so every sample is summed in the same order whichever way the set got there.
/// </summary>
internal sealed class SendSet
{
    private readonly int _channels, _rows;
    // Send j = channel × rows + row: its gain ramp and its tap.
    private readonly LinearRamp[] _ramp;
    private readonly int[] _tap;
    private readonly SendMatrix _matrix;
    private readonly int[] _moving;
    private int _movingCount;
    // Gather again before the next chunk; a moving send came to rest (it settles into its row, unless a gather comes).
    private bool _changed = true, _rested;

    /// <summary>Sends of <paramref name="channels"/> source rows into <paramref name="rows"/> destination rows.</summary>
    public SendSet(int channels, int rows)
    {
        _channels = channels;
        _rows = rows;
        _ramp = new LinearRamp[channels * rows];
        _tap = new int[channels * rows];
        _matrix = new SendMatrix(rows, channels, channels);
        _moving = new int[channels * rows];
    }

    /// <summary>Before a channel's sends follow a snapshot: sends that came to rest settle; a snap gathers every send again.</summary>
    public void BeginFollow(bool snap)
    {
        if (_rested && !_changed) Settle();
        _changed |= snap;
    }

    /// <summary>
    /// Channel <paramref name="c"/>'s send into <paramref name="row"/> heads for <paramref name="level"/> (jumping there
    /// when <paramref name="snap"/>) from <paramref name="tap"/>; <paramref name="preEq"/> says whether the pre-EQ tap
    /// is written now. True when the send is audible and taps before the EQ.
    /// </summary>
    public bool Follow(int c, int row, float level, int tap, bool snap, int rampSamples, bool preEq)
    {
        int j = c * _rows + row;
        ref LinearRamp send = ref _ramp[j];
        bool wasMoving = send.Remaining > 0, wasAtRest = !wasMoving && !send.IsSilent;
        bool moved = send.Target != level;
        if (snap) send.Snap(level);
        else send.SetTarget(level, rampSamples);
        // A send that starts moving leaves its matrix row by itself; a new tap gathers again.
        if (tap != _tap[j]) _changed = true;
        else if (moved && !_changed) _changed = !StartMoving(j, wasMoving, wasAtRest, preEq);
        _tap[j] = tap;
        return tap == SendMixer.TapPreEq && !send.IsSilent;
    }

    /// <summary>Gathers every send again before the next chunk (which sends are mixed changed).</summary>
    public void MarkChanged() => _changed = true;

    /// <summary>Gathers or settles if needed; returns <paramref name="frames"/> shortened to where the first moving send comes to rest.</summary>
    public int PrepareChunk(int frames, bool preEq)
    {
        if (_changed) Gather(preEq);
        else if (_rested) Settle();
        for (int k = 0; k < _movingCount; k++)
        {
            int left = _ramp[_moving[k]].Remaining;
            if (left > 0) frames = Math.Min(frames, left);
        }

        return frames;
    }

    /// <summary>Adds <paramref name="frames"/> frames of every send into the rows of <paramref name="destination"/>, reading the tap buffers.</summary>
    public void Mix(AudioBuffer preEq, AudioBuffer preFader, AudioBuffer postFader, AudioBuffer destination, int frames)
    {
        for (int k = 0; k < _movingCount; k++)
        {
            int j = _moving[k];
            ref LinearRamp send = ref _ramp[j];
            send.MultiplyAdd(Tap(_tap[j], preEq, preFader, postFader).Channel(j / _rows, frames), destination.Channel(j % _rows, frames));
            if (send.Remaining == 0) _rested = true;
        }

        _matrix.MixInto(preEq.RawData, preFader.RawData, postFader.RawData, preFader.Stride, destination.RawData, destination.Stride, frames);
    }

    // Sorts every audible send into the matrix (at rest) or the moving list, in send order.
    private void Gather(bool preEq)
    {
        _changed = _rested = false;
        _matrix.Clear();
        _movingCount = 0;
        for (int c = 0; c < _channels; c++)
        {
            for (int row = 0; row < _rows; row++)
            {
                int j = c * _rows + row;
                ref LinearRamp send = ref _ramp[j];
                if (send.IsSilent || (_tap[j] == SendMixer.TapPreEq && !preEq)) continue;
                if (send.Remaining > 0) _moving[_movingCount++] = j;
                else _matrix.Add(row, _tap[j], c, send.Target);
            }
        }
    }

    // A send starts moving: out of its matrix row, into the moving list in send order, where a gather would put it.
    // False when the matrix did not hold it (then gather again).
    private bool StartMoving(int j, bool wasMoving, bool wasAtRest, bool preEq)
    {
        if (wasMoving || (_tap[j] == SendMixer.TapPreEq && !preEq)) return true;
        if (wasAtRest && !_matrix.Remove(j % _rows, j / _rows)) return false;
        int k = _movingCount++;
        for (; k > 0 && _moving[k - 1] > j; k--) _moving[k] = _moving[k - 1];
        _moving[k] = j;
        return true;
    }

    // Sends come to rest: out of the moving list (its order kept), into their matrix rows unless silent.
    private void Settle()
    {
        _rested = false;
        int kept = 0;
        for (int k = 0; k < _movingCount; k++)
        {
            int j = _moving[k];
            ref LinearRamp send = ref _ramp[j];
            if (send.Remaining > 0) _moving[kept++] = j;
            else if (!send.IsSilent) _matrix.Insert(j % _rows, _tap[j], j / _rows, send.Target);
        }

        _movingCount = kept;
    }

    private static AudioBuffer Tap(int tap, AudioBuffer preEq, AudioBuffer preFader, AudioBuffer postFader) => tap switch
    {
        SendMixer.TapPreEq => preEq,
        SendMixer.TapPreFader => preFader,
        _ => postFader,
    };
}
