using MixConsole.Control.Meters;
using MixConsole.Dsp.Core;
using MixConsole.Engine.Metering;

namespace MixConsole.Control.Tests.Meters;

/// <summary>The mastering box's meter section, measured from what goes through the output tap.</summary>
public sealed class MasteringMeterSourceTests
{
    private const int Rate = 48_000;
    private const int Block = 64;

    private readonly AudioBuffer _block = new(2, Block);
    private MasterOutputTap _tap = null!;
    private MasteringMeterSource _source = null!;
    private long _frame;

    public MasteringMeterSourceTests() => Start();

    // A box just switched on: nothing metered yet.
    private void Start()
    {
        _tap = new MasterOutputTap(Rate);
        _source = new MasteringMeterSource(new MasterLoudness(_tap), channels: 6, buses: 4);
    }

    private OscMeterLayout Layout => _source.Layout;

    // Plays seconds of left/right from the two functions of the frame number, with the same readings on every block;
    // the control side drains the tap every half second as the server's meter reads would (nothing is lost).
    private void Play(double seconds, Func<long, float> left, Func<long, float> right, MasterChainReadings readings)
    {
        var linear = new float[Layout.Count];
        for (int b = 0; b < seconds * Rate / Block; b++)
        {
            if (b > 0 && b % (Rate / 2 / Block) == 0) _source.TryReadLatest(linear);
            for (int i = 0; i < Block; i++, _frame++)
            {
                _block.Channel(0)[i] = left(_frame);
                _block.Channel(1)[i] = right(_frame);
            }

            _tap.Write(_block, Block, readings);
        }
    }

    private static float Sine(long n, double hz, float amplitude) => amplitude * MathF.Sin((float)(2 * Math.PI * hz * n / Rate));

    private float[] Take()
    {
        var linear = new float[Layout.Count];
        Assert.True(_source.TryReadLatest(linear));
        return linear;
    }

    [Fact]
    public void Peaks_GainReductions_AndMonoCorrelation_AreWhatWentThrough()
    {
        var readings = new MasterChainReadings
        {
            InputPeakLeft = 0.8f, InputPeakRight = 0.7f, LimiterReductionDb = 6.0206f,
            Band0ReductionDb = 0, Band1ReductionDb = 3, Band2ReductionDb = 6.0206f, Band3ReductionDb = 0,
        };
        Play(0.5, n => Sine(n, 441, 0.5f), n => Sine(n, 441, 0.25f), readings);
        float[] v = Take();

        Assert.Equal(0.8f, v[Layout.MasterInputPeak(0)]);
        Assert.Equal(0.7f, v[Layout.MasterInputPeak(1)]);
        Assert.Equal(0.5f, v[Layout.MasterOutputPeak(0)], 3);
        Assert.Equal(0.25f, v[Layout.MasterOutputPeak(1)], 3);
        Assert.Equal(v[Layout.MasterOutputPeak(0)], v[Layout.MainLeft]);
        Assert.Equal(v[Layout.MasterOutputPeak(1)], v[Layout.MainRight]);
        Assert.Equal(0.5f, v[Layout.MasterLimiterGain], 4);
        Assert.Equal(1f, v[Layout.MasterBandGain(0)]);
        Assert.Equal(0.7079f, v[Layout.MasterBandGain(1)], 4);
        Assert.Equal(0.5f, v[Layout.MasterBandGain(2)], 4);
        Assert.Equal(1f, v[Layout.MasterBandGain(3)]);
        // The same signal at two levels is fully correlated.
        Assert.InRange(v[Layout.MasterCorrelation], 0.999f, 1f);
        // No strips run on the mastering box: no channel reads a reduction.
        Assert.All(Enumerable.Range(0, 6), c => Assert.Equal(1f, v[Layout.ChannelGateGain(c)]));
        Assert.All(Enumerable.Range(0, 6), c => Assert.Equal(1f, v[Layout.ChannelCompressorGain(c)]));
    }

    [Fact]
    public void GainReduction_IsHeldAtItsDeepestOver50Ms_WhateverTheReads()
    {
        // One deep block inside a 50 ms window, however often the meters are read, shows for that whole window.
        var linear = new float[Layout.Count];
        Play(0.5, n => Sine(n, 441, 0.5f), n => Sine(n, 441, 0.5f), MasterChainReadings.LimiterOnly(1f));
        Assert.Equal(0.891f, Take()[Layout.MasterLimiterGain], 3);
        Play(0.01, n => Sine(n, 441, 0.5f), n => Sine(n, 441, 0.5f), MasterChainReadings.LimiterOnly(12.04f));
        _source.TryReadLatest(linear);
        Play(0.02, n => Sine(n, 441, 0.5f), n => Sine(n, 441, 0.5f), MasterChainReadings.LimiterOnly(1f));
        _source.TryReadLatest(linear);
        Play(0.03, n => Sine(n, 441, 0.5f), n => Sine(n, 441, 0.5f), MasterChainReadings.LimiterOnly(1f));
        Assert.Equal(0.25f, Take()[Layout.MasterLimiterGain], 3);
        // The next complete window without it shows the shallow reduction again.
        Play(0.1, n => Sine(n, 441, 0.5f), n => Sine(n, 441, 0.5f), MasterChainReadings.LimiterOnly(1f));
        Assert.Equal(0.891f, Take()[Layout.MasterLimiterGain], 3);
    }

    [Fact]
    public void Correlation_ReadsMinusOneOutOfPhase_NearZeroForUnrelatedNoise_AndZeroWhenOneSideIsSilent()
    {
        Play(1, n => Sine(n, 441, 0.5f), n => -Sine(n, 441, 0.5f), default);
        Assert.InRange(Take()[Layout.MasterCorrelation], -1f, -0.999f);

        var left = new Random(1);
        var right = new Random(2);
        Play(2, _ => (float)(left.NextDouble() - 0.5), _ => (float)(right.NextDouble() - 0.5), default);
        Assert.InRange(Take()[Layout.MasterCorrelation], -0.05f, 0.05f);

        Start();
        Play(1, n => Sine(n, 441, 0.5f), _ => 0f, default);
        Assert.Equal(0f, Take()[Layout.MasterCorrelation]);
    }

    [Fact]
    public void NothingNew_ReadsFalse_AndLeavesTheSnapshotAlone()
    {
        var linear = Enumerable.Repeat(7f, Layout.Count).ToArray();
        Assert.False(_source.TryReadLatest(linear));
        Assert.All(linear, x => Assert.Equal(7f, x));
    }

    [Fact]
    public void TapWrite_AndRead_AllocateNothing()
    {
        var linear = new float[Layout.Count];
        var readings = new MasterChainReadings { InputPeakLeft = 0.5f, LimiterReductionDb = 2, Band1ReductionDb = 1 };
        Allocations.AssertNone(() =>
        {
            for (int i = 0; i < Block; i++, _frame++) _block.Channel(0)[i] = _block.Channel(1)[i] = Sine(_frame, 441, 0.5f);
            _tap.Write(_block, Block, readings);
            Assert.True(_source.TryReadLatest(linear));
        }, 20_000, "a block through the tap and a meter read");
    }
}
