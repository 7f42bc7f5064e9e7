using MixConsole.Dsp.Core;
using MixConsole.Dsp.Fir;

namespace MixConsole.Dsp.Resampling;

/// <summary>
/// Offline-quality rational sample-rate converter: a polyphase Kaiser-windowed sinc
/// (up by <see cref="UpFactor"/>, filter, down by <see cref="DownFactor"/>) in double precision.
/// Default design: flat to 20 kHz (ripple far under 0.01 dB) and at least 130 dB of rejection from the
/// lower Nyquist frequency up, so nothing aliases and no image survives.
/// Output sample k sits exactly at input time k * inRate / outRate (zero phase): a whole file converts
/// to <see cref="OutputFramesFor"/> frames, aligned with the input. Streaming: <see cref="Process"/> then <see cref="Flush"/>.
/// </summary>
public sealed class SampleRateConverter
{
    private readonly double[] _coefficients; // phase-major: phase p holds taps p, p+L, p+2L, ... reversed for a forward dot product
    private readonly int _stride;             // taps per phase (padded)
    private readonly double[][] _history;     // per channel: absolute input sample (_historyStart + i)
    private readonly int _maxInputFrames;
    private long _historyStart;
    private int _historyCount;
    private long _inputCount;
    private long _outputCount;
    private readonly long _delayUp; // centre of the prototype, in upsampled samples

    /// <summary>
    /// Designs a converter from <paramref name="inputRateHz"/> to <paramref name="outputRateHz"/> for
    /// <paramref name="channels"/> channels, accepting up to <paramref name="maxInputFrames"/> frames per call.
    /// </summary>
    /// <param name="inputRateHz">Input sample rate in hertz.</param>
    /// <param name="outputRateHz">Output sample rate in hertz.</param>
    /// <param name="channels">Channel count.</param>
    /// <param name="maxInputFrames">Largest input block given to <see cref="Process"/>.</param>
    /// <param name="passbandEdgeHz">Highest frequency kept flat (clamped to 45.36 % of the lower rate: 20 kHz at 44.1 kHz).</param>
    /// <param name="stopbandAttenuationDb">Rejection designed for at and above the lower Nyquist frequency.</param>
    public SampleRateConverter(int inputRateHz, int outputRateHz, int channels, int maxInputFrames = 8192,
        double passbandEdgeHz = 20000, double stopbandAttenuationDb = 135)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputRateHz, 1000);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputRateHz, 1000);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInputFrames, 1);
        int g = Gcd(inputRateHz, outputRateHz);
        UpFactor = outputRateHz / g;
        DownFactor = inputRateHz / g;
        if (UpFactor > 4096)
            throw new ArgumentException($"rate ratio {outputRateHz}/{inputRateHz} reduces to an up factor of {UpFactor}; at most 4096 is supported");
        InputRateHz = inputRateHz;
        OutputRateHz = outputRateHz;
        Channels = channels;
        _maxInputFrames = maxInputFrames;

        double lowerRate = Math.Min(inputRateHz, outputRateHz);
        double stopHz = lowerRate / 2;
        double passHz = Math.Min(passbandEdgeHz, 0.4536 * lowerRate); // 20 kHz at 44.1 kHz still fits
        double upRate = (double)inputRateHz * UpFactor;
        double beta = KaiserWindow.Beta(stopbandAttenuationDb);
        int length = KaiserWindow.Length(stopbandAttenuationDb, (stopHz - passHz) / upRate);
        int perPhase = (length + UpFactor - 1) / UpFactor;
        if ((perPhase & 1) == 1) perPhase++;
        long total = (long)perPhase * UpFactor + 1; // odd length: an integer centre, so output k lands exactly on time k
        double[] prototype = KaiserWindow.LowPass((int)total, (passHz + stopHz) / 2 / upRate, beta, UpFactor);
        _delayUp = (total - 1) / 2;

        _stride = perPhase + 1;
        _coefficients = new double[UpFactor * _stride];
        for (int p = 0; p < UpFactor; p++)
            for (int t = 0; t < _stride; t++)
            {
                long j = p + (long)t * UpFactor;
                // Reversed so the dot product runs over history in ascending time order.
                _coefficients[p * _stride + (_stride - 1 - t)] = j < total ? prototype[j] : 0;
            }

        _history = new double[channels][];
        for (int c = 0; c < channels; c++) _history[c] = new double[_stride + maxInputFrames + 2];
        Reset();
    }

    /// <summary>Input sample rate in hertz.</summary>
    public int InputRateHz { get; }

    /// <summary>Output sample rate in hertz.</summary>
    public int OutputRateHz { get; }

    /// <summary>Channel count.</summary>
    public int Channels { get; }

    /// <summary>Interpolation factor L (output rate / gcd).</summary>
    public int UpFactor { get; }

    /// <summary>Decimation factor M (input rate / gcd).</summary>
    public int DownFactor { get; }

    /// <summary>Filter taps evaluated per output sample.</summary>
    public int TapsPerOutputSample => _stride;

    /// <summary>How many input frames past an output's time must arrive before it is produced (streaming delay).</summary>
    public int LookaheadInputFrames => (int)(_delayUp / UpFactor) + 1;

    /// <summary>Output frames a whole input of <paramref name="inputFrames"/> frames converts to: ceil(n * out / in).</summary>
    public long OutputFramesFor(long inputFrames) => (inputFrames * UpFactor + DownFactor - 1) / DownFactor;

    /// <summary>Largest number of frames one <see cref="Process"/> call of <paramref name="inputFrames"/> can write.</summary>
    public int MaxOutputFrames(int inputFrames) => (int)(((long)inputFrames * UpFactor) / DownFactor) + 2;

    /// <summary>Starts a new stream: clears history and counters.</summary>
    public void Reset()
    {
        foreach (var h in _history) Array.Clear(h);
        // Virtual zeros before the start, enough for the first output's whole window.
        _historyStart = -_stride;
        _historyCount = _stride;
        _inputCount = 0;
        _outputCount = 0;
    }

    /// <summary>
    /// Consumes <paramref name="inputFrames"/> frames of <paramref name="input"/> and writes every output frame now
    /// computable into <paramref name="output"/> (capacity at least <see cref="MaxOutputFrames"/>). Returns frames written.
    /// </summary>
    public int Process(AudioBuffer input, int inputFrames, AudioBuffer output)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(inputFrames, _maxInputFrames);
        for (int c = 0; c < Channels; c++)
        {
            Span<float> src = input.Channel(c, inputFrames);
            double[] h = _history[c];
            for (int i = 0; i < src.Length; i++) h[_historyCount + i] = src[i];
        }
        _historyCount += inputFrames;
        _inputCount += inputFrames;
        return Produce(output, long.MaxValue);
    }

    /// <summary>
    /// Ends the stream: feeds silence and writes the remaining frames so the total output equals
    /// <see cref="OutputFramesFor"/> of all input. Returns frames written.
    /// </summary>
    public int Flush(AudioBuffer output)
    {
        long target = OutputFramesFor(_inputCount);
        int written = 0;
        long realInput = _inputCount;
        while (_outputCount < target)
        {
            int pad = Math.Min(_maxInputFrames, LookaheadInputFrames + 1);
            for (int c = 0; c < Channels; c++) Array.Clear(_history[c], _historyCount, pad);
            _historyCount += pad;
            _inputCount += pad;
            int capacity = output.CapacityFrames - written;
            if (capacity <= 0) throw new ArgumentException("output buffer too small for the stream's tail", nameof(output));
            written += Produce(output, target, written, capacity);
        }
        _inputCount = realInput;
        return written;
    }

    /// <summary>Converts whole planar channels at once; every output channel has <see cref="OutputFramesFor"/> frames.</summary>
    public static float[][] ConvertAll(IReadOnlyList<float[]> channels, int inputRateHz, int outputRateHz)
    {
        ArgumentNullException.ThrowIfNull(channels);
        int count = channels.Count;
        int frames = count == 0 ? 0 : channels[0].Length;
        const int block = 8192;
        var src = new SampleRateConverter(inputRateHz, outputRateHz, Math.Max(count, 1), block);
        long outFrames = src.OutputFramesFor(frames);
        var result = new float[count][];
        for (int c = 0; c < count; c++) result[c] = new float[outFrames];
        var inBuf = new AudioBuffer(Math.Max(count, 1), block);
        var outBuf = new AudioBuffer(Math.Max(count, 1), src.MaxOutputFrames(block) + block);
        long written = 0;
        for (int start = 0; start < frames; start += block)
        {
            int n = Math.Min(block, frames - start);
            for (int c = 0; c < count; c++) channels[c].AsSpan(start, n).CopyTo(inBuf.Channel(c, n));
            int got = src.Process(inBuf, n, outBuf);
            for (int c = 0; c < count; c++) outBuf.Channel(c, got).CopyTo(result[c].AsSpan((int)written));
            written += got;
        }
        int tail = src.Flush(outBuf);
        for (int c = 0; c < count; c++) outBuf.Channel(c, tail).CopyTo(result[c].AsSpan((int)written));
        return result;
    }

    private int Produce(AudioBuffer output, long limit) => Produce(output, limit, 0, output.CapacityFrames);

    private int Produce(AudioBuffer output, long limit, int offset, int capacity)
    {
        int written = 0;
        int L = UpFactor, M = DownFactor, stride = _stride;
        while (written < capacity && _outputCount < limit)
        {
            long u = _outputCount * M + _delayUp;
            long newest = u / L;
            if (newest >= _historyStart + _historyCount) break;
            int phase = (int)(u - newest * L);
            int first = (int)(newest - (stride - 1) - _historyStart);
            ReadOnlySpan<double> coeffs = _coefficients.AsSpan(phase * stride, stride);
            for (int c = 0; c < Channels; c++)
            {
                ReadOnlySpan<double> window = _history[c].AsSpan(first, stride);
                double acc = 0;
                for (int t = 0; t < stride; t++) acc += coeffs[t] * window[t];
                output.Channel(c)[offset + written] = (float)acc;
            }
            written++;
            _outputCount++;
        }
        Compact();
        return written;
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }

    // Drops history no future output can reach, so the next block fits.
    private void Compact()
    {
        long u = _outputCount * DownFactor + _delayUp;
        long oldestNeeded = u / UpFactor - (_stride - 1);
        int drop = (int)Math.Clamp(oldestNeeded - _historyStart, 0, _historyCount);
        if (drop == 0) return;
        int keep = _historyCount - drop;
        for (int c = 0; c < Channels; c++) Array.Copy(_history[c], drop, _history[c], 0, keep);
        _historyStart += drop;
        _historyCount = keep;
    }
}
