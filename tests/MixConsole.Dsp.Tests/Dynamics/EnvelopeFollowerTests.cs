using MixConsole.Dsp.Dynamics;
using Xunit;

namespace MixConsole.Dsp.Tests.Dynamics;

public class EnvelopeFollowerTests
{
    private const double Fs = 48000;

    [Theory]
    [InlineData(DetectorMode.Peak)]
    [InlineData(DetectorMode.Rms)]
    public void StepUp_Reaches63Percent_AtAttackTime_StepDown_37Percent_AtReleaseTime(DetectorMode mode)
    {
        var follower = new EnvelopeFollower { Mode = mode, AttackMs = 5, ReleaseMs = 50 };
        follower.Prepare(Fs);
        var step = new float[240];
        Array.Fill(step, 1f);
        var envelope = new float[240];
        follower.Process(step, envelope);
        // Ballistics act on |x| (peak) or x^2 (RMS): compare in that domain.
        double reached = mode == DetectorMode.Rms ? envelope[^1] * envelope[^1] : envelope[^1];
        Assert.InRange(reached, 0.632 - 0.005, 0.632 + 0.005);

        for (int i = 0; i < 48000; i++) follower.Next(1f);
        var silence = new float[2400];
        var fall = new float[2400];
        follower.Process(silence, fall);
        double left = mode == DetectorMode.Rms ? fall[^1] * fall[^1] : fall[^1];
        Assert.InRange(left, 0.368 - 0.005, 0.368 + 0.005);
    }

    [Fact]
    public void Rms_OfASine_IsPeakOverRoot2()
    {
        var follower = new EnvelopeFollower { Mode = DetectorMode.Rms, AttackMs = 50, ReleaseMs = 50 };
        follower.Prepare(Fs);
        float[] sine = TestSignals.Sine(1000, Fs, 48000, 0.5);
        var envelope = new float[sine.Length];
        follower.Process(sine, envelope);
        Assert.Equal(0.5 / Math.Sqrt(2), envelope[^1], 2);
    }
}
