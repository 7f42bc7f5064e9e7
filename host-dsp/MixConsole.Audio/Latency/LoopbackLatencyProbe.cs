using MixConsole.Audio.Backends;
using MixConsole.Dsp.Core;

namespace MixConsole.Audio.Latency;

/// <summary>
/// Measures a device's round trip with a loopback cable (or a loop in a server's graph): an impulse goes out on one
/// output every <c>intervalFrames</c>, and the input is searched until the next impulse for its loudest sample
/// (the centre of the converters' filter response, either polarity). The delay counted is what a signal takes from
/// the callback's output buffer to its input buffer: the software periods plus the controller's FIFO and DMA and the
/// converters. Arrays are sized at construction; <see cref="Process"/> allocates nothing.
/// </summary>
public sealed class LoopbackLatencyProbe : IAudioCallback
{
    private readonly int _output;
    private readonly int _input;
    private readonly int _interval;
    private readonly float _level;
    private readonly float _threshold;
    private readonly long[] _delays;
    private long _frame;
    private long _sentAt = -1;
    private long _peakAt = -1;
    private float _peak;
    private int _sent;
    private int _count;

    /// <param name="outputChannel">Console output (0-based) the impulse is played on.</param>
    /// <param name="inputChannel">Console input (0-based) the cable brings it back to.</param>
    /// <param name="intervalFrames">Frames between impulses: longer than the longest round trip expected.</param>
    /// <param name="impulses">How many impulses to send.</param>
    /// <param name="level">Impulse height (linear, full scale 1).</param>
    public LoopbackLatencyProbe(int outputChannel, int inputChannel, int intervalFrames, int impulses, float level = 0.5f)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(outputChannel);
        ArgumentOutOfRangeException.ThrowIfNegative(inputChannel);
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalFrames, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(impulses, 1);
        _output = outputChannel;
        _input = inputChannel;
        _interval = intervalFrames;
        _level = level;
        // An impulse that comes back 30 dB down still counts; noise below that never does.
        _threshold = level * 0.03f;
        _delays = new long[impulses];
    }

    /// <summary>Set once every impulse has been sent and its window searched.</summary>
    public ManualResetEventSlim Done { get; } = new(false);

    /// <summary>Impulses that came back, each one's delay in frames.</summary>
    public ReadOnlySpan<long> Delays => _delays.AsSpan(0, Volatile.Read(ref _count));

    /// <summary>Impulses sent.</summary>
    public int Sent => Volatile.Read(ref _sent);

    /// <summary>The median of <see cref="Delays"/>, or -1 when none came back.</summary>
    public long MedianDelayFrames()
    {
        var sorted = Delays.ToArray();
        if (sorted.Length == 0) return -1;
        Array.Sort(sorted);
        return sorted[sorted.Length / 2];
    }

    /// <inheritdoc />
    public void Process(AudioBuffer input, AudioBuffer output, int frames)
    {
        Span<float> inp = _input < input.Channels ? input.Channel(_input, frames) : default;
        Span<float> outp = _output < output.Channels ? output.Channel(_output, frames) : default;
        for (int i = 0; i < frames; i++)
        {
            long now = _frame + i;
            if (_sentAt >= 0 && !inp.IsEmpty)
            {
                float a = Math.Abs(inp[i]);
                if (a >= _threshold && a > _peak)
                {
                    _peak = a;
                    _peakAt = now;
                }
            }
            if (now % _interval != 0) continue;
            Close();
            if (_sent == _delays.Length)
            {
                Done.Set();
                continue;
            }
            if (!outp.IsEmpty) outp[i] = _level;
            _sentAt = now;
            Volatile.Write(ref _sent, _sent + 1);
        }
        _frame += frames;
    }

    // Ends the search window of the impulse last sent.
    private void Close()
    {
        if (_sentAt >= 0 && _peakAt >= 0 && _count < _delays.Length)
        {
            _delays[_count] = _peakAt - _sentAt;
            Volatile.Write(ref _count, _count + 1);
        }
        _sentAt = -1;
        _peakAt = -1;
        _peak = 0;
    }
}
