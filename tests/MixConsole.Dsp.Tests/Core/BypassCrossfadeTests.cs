using MixConsole.Dsp.Core;
using MixConsole.Dsp.Tests.Mastering;
using Xunit;

namespace MixConsole.Dsp.Tests.Core;

public class BypassCrossfadeTests
{
    private const double Rate = 48000;

    /// <summary>A processor that is only a delay of <see cref="LatencyFrames"/> (a lookahead with nothing else): its output is the aligned dry.</summary>
    private sealed class PureDelay(int latencyFrames) : IAudioProcessor
    {
        private float[][] _lines = [];
        private int _pos;

        public int LatencyFrames => latencyFrames;

        public void Prepare(in ProcessSpec spec)
        {
            _lines = new float[spec.Channels][];
            for (int c = 0; c < spec.Channels; c++) _lines[c] = new float[latencyFrames + 1];
            Reset();
        }

        public void Reset()
        {
            foreach (var line in _lines) Array.Clear(line);
            _pos = 0;
        }

        public void Process(AudioBuffer buffer, int frames)
        {
            int pos = _pos;
            for (int c = 0; c < _lines.Length; c++)
            {
                pos = _pos;
                Span<float> x = buffer.Channel(c, frames);
                for (int i = 0; i < frames; i++)
                {
                    int read = pos + 1 == _lines[c].Length ? 0 : pos + 1;
                    _lines[c][pos] = x[i];
                    x[i] = _lines[c][read];
                    pos = read;
                }
            }
            _pos = pos;
        }
    }

    /// <summary>
    /// Runs <paramref name="input"/> through <paramref name="processor"/> behind a crossfade, bypass switched by
    /// <paramref name="bypassedAt"/>(start of block); a settled bypass skips the processor and primes it on the way back when <paramref name="saveCpu"/>.
    /// </summary>
    private static float[][] Run(IAudioProcessor processor, float[][] input, int block, Func<int, bool> bypassedAt, bool saveCpu, bool prime = true)
    {
        int channels = input.Length, frames = input[0].Length;
        var spec = new ProcessSpec(Rate, block, channels);
        processor.Prepare(spec);
        var fade = new BypassCrossfade();
        fade.Prepare(spec, processor.LatencyFrames);
        fade.Bypassed = bypassedAt(0);
        fade.Reset();
        var buffer = new AudioBuffer(channels, block);
        var output = new float[channels][];
        for (int c = 0; c < channels; c++) output[c] = new float[frames];
        for (int start = 0; start < frames; start += block)
        {
            int n = Math.Min(block, frames - start);
            for (int c = 0; c < channels; c++) input[c].AsSpan(start, n).CopyTo(buffer.Channel(c, n));
            bool wasDry = fade.IsDrySettled;
            fade.Bypassed = bypassedAt(start);
            bool skip = saveCpu && fade.IsDrySettled;
            if (!skip && saveCpu && wasDry && prime) fade.Prime(processor);
            fade.Capture(buffer, n);
            if (!skip) processor.Process(buffer, n);
            fade.Apply(buffer, n);
            for (int c = 0; c < channels; c++) buffer.Channel(c, n).CopyTo(output[c].AsSpan(start, n));
        }
        return output;
    }

    [Fact]
    public void SettledBypass_IsTheInputDelayedByTheLatency_BitForBit()
    {
        float[][] x = [Signals.Noise(5000, 1, 0.5), Signals.Noise(5000, 2, 0.5)];
        // The "processor" is a gain that must not be heard: only the aligned dry is.
        float[][] y = Run(new PureDelay(37), x, 64, _ => true, saveCpu: false);
        for (int c = 0; c < 2; c++)
        {
            for (int i = 0; i < 37; i++) Assert.Equal(0f, y[c][i]);
            for (int i = 37; i < x[c].Length; i++) Assert.Equal(x[c][i - 37], y[c][i]);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(32)]
    [InlineData(500)]
    public void Switch_IsALinearCrossfadeOfFadeMs_EveryChannelAlike(int block)
    {
        // Wet is silence (the processor zeroes), dry is a constant: the output is the dry weight itself.
        var silence = new Silence();
        float[][] ones = [Enumerable.Repeat(1f, 6000).ToArray(), Enumerable.Repeat(0.5f, 6000).ToArray()];
        const int switchAt = 1000;
        float[][] y = Run(silence, ones, block, start => start >= switchAt, saveCpu: false);
        int at = (switchAt + block - 1) / block * block; // the block that sees the switch
        int fade = (int)Math.Round(BypassCrossfade.DefaultFadeMs * Rate / 1000);
        Assert.Equal(0f, y[0][at - 1]);
        for (int i = 0; i < fade; i++)
        {
            Assert.InRange(y[0][at + i] - (i + 1) / (double)fade, -1e-6, 1e-6);
            Assert.Equal(0.5f * y[0][at + i], y[1][at + i]);
        }
        Assert.Equal(1f, y[0][at + fade]);
    }

    private sealed class Silence : IAudioProcessor
    {
        public int LatencyFrames => 0;
        public void Prepare(in ProcessSpec spec) { }
        public void Reset() { }
        public void Process(AudioBuffer buffer, int frames) => buffer.Clear(frames);
    }

    [Fact]
    public void UnBypass_OfAProcessorThatDidNotRun_IsPrimed_SoWetAndDryAgreeThroughTheFade()
    {
        // A pure delay is the worst case for stale lookahead: unprimed, its first L samples back are old audio.
        float[][] x = [Signals.Noise(20000, 3, 0.5)];
        const int latency = 200;
        Func<int, bool> bypassed = start => start >= 4000 && start < 12000;
        float[][] primed = Run(new PureDelay(latency), x, 64, bypassed, saveCpu: true);
        float[][] stale = Run(new PureDelay(latency), x, 64, bypassed, saveCpu: true, prime: false);
        double worstPrimed = 0, worstStale = 0;
        for (int i = latency; i < x[0].Length; i++)
        {
            worstPrimed = Math.Max(worstPrimed, Math.Abs(primed[0][i] - x[0][i - latency]));
            worstStale = Math.Max(worstStale, Math.Abs(stale[0][i] - x[0][i - latency]));
        }
        Assert.Equal(0, worstPrimed);
        Assert.True(worstStale > 0.05, $"the unprimed processor should replay stale audio, differs by {worstStale}");
    }

    [Fact]
    public void CaptureAndApply_AllocateNothing()
    {
        var spec = new ProcessSpec(Rate, 256, 2);
        var fade = new BypassCrossfade();
        fade.Prepare(spec, 100);
        var delay = new PureDelay(100);
        delay.Prepare(spec);
        var buffer = new AudioBuffer(2, 256);
        int call = 0;
        Allocations.AssertNone(() =>
        {
            bool wasDry = fade.IsDrySettled;
            fade.Bypassed = call++ / 40 % 2 == 0;
            if (wasDry && !fade.Bypassed) fade.Prime(delay);
            fade.Capture(buffer, 256);
            fade.Apply(buffer, 256, 0.5f, 0.7f);
        }, calls: 2000, what: "BypassCrossfade capture and apply while bypass switches");
    }
}
