using MixConsole.SurfaceSim.Scripting;

namespace MixConsole.SurfaceSim.Tests;

public class ScriptRunnerTests
{
    [Fact]
    public void FaderToUnity_SendsTheUnityIndexOfTheFaderLaw()
    {
        var h = new SimHarness();
        h.Host.Values["/ch/03/mix/fader"] = 0.2f;
        h.Connect();

        var (ok, _) = h.Run("fader 3 0dB\nexpect fader 3 0dB");

        Assert.True(ok, h.Output.ToString());
        Assert.Equal(767f / 1023f, (float)h.Sent("/ch/03/mix/fader")!, 5);
    }

    [Fact]
    public void MutePanBankAndFader_ReachTheHost_OnTheBankedChannel()
    {
        var h = new SimHarness().Connect();

        var (ok, runner) = h.Run("""
            press mute 2
            expect mute 2 on within 100
            pan 1 L100
            expect pan 1 0
            bank 9-16
            expect bank 2
            fader 1 -10dB
            expect display 1 CH 09-16 within 200
            """);

        Assert.True(ok, h.Output.ToString());
        Assert.Equal(4, runner.Held);
        Assert.Equal(0, (int)h.Sent("/ch/02/mix/on")!);
        Assert.Equal(0f, (float)h.Sent("/ch/01/mix/pan")!, 5);
        Assert.Equal(0.5f, (float)h.Sent("/ch/09/mix/fader")!, 2);
        Assert.Null(h.Sent("/ch/01/mix/fader"));
    }

    [Fact]
    public void PanToAValue_LandsExactlyOnIt_FromEitherSide()
    {
        var h = new SimHarness().Connect();

        var (ok, _) = h.Run("pan 4 R30\nexpect pan 4 R30 tol 0.001\npan 4 L6\nexpect pan 4 L6 tol 0.001");

        Assert.True(ok, h.Output.ToString());
        Assert.Equal(0.47f, (float)h.Sent("/ch/04/mix/pan")!, 3);
    }

    [Fact]
    public void MotorFader_FollowsAnotherClientsChange_WithinTheExpectsWindow()
    {
        var h = new SimHarness().Connect();
        h.Session.Run(400);
        h.Host.Push("/ch/04/mix/fader", 0.5f);

        var (ok, _) = h.Run("expect fader 4 0.5 within 1500");

        Assert.True(ok, h.Output.ToString());
        Assert.InRange(h.Session.Surface.Faders.Position(3), 0.49f, 0.51f);
    }

    [Fact]
    public void FailedExpect_IsReportedWithFileAndLine_AndTheScriptGoesOn()
    {
        var h = new SimHarness().Connect();

        var (ok, runner) = h.Run("expect fader 2 -20dB\nexpect mute 1 on\nexpect fader 2 0dB");

        Assert.False(ok);
        Assert.Equal(2, runner.Failed);
        Assert.Equal(1, runner.Held);
        string output = h.Output.ToString();
        Assert.Matches(@"FAIL test\.sim:1: expect fader 2 -20dB: motor fader 2 \(Channels 2\) is at 0\.7[45]\d \([-+]0\.0 dB\); expected 0\.375 \(-20\.0 dB\) ± 0\.010", output);
        Assert.Contains("FAIL test.sim:2: expect mute 1 on: mute LED of strip 1 is off; expected on", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectWithin_WaitsNoLongerThanItsWindow()
    {
        var h = new SimHarness().Connect();
        long before = h.Session.NowMs;

        var (ok, _) = h.Run("expect fader 5 0.1 within 250");

        Assert.False(ok);
        Assert.InRange(h.Session.NowMs - before, 250, 252);
        Assert.Contains("(waited 250 ms)", h.Output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void MasteringPanel_EncoderTurnsAndButtons_ReachTheMasterChainPaths()
    {
        var h = new SimHarness("mastering-panel");
        h.Host.Values["/master/limiter/ceiling"] = 0.5f;
        h.Host.Values["/master/bypass"] = 0;
        h.Host.Values["/master/ab"] = 0;
        h.Connect();

        var (ok, _) = h.Run("encoder 8 +4\nexpect encoder 8 0.52\npress bypass\nexpect bypass on within 50");

        Assert.True(ok, h.Output.ToString());
        Assert.Equal(0.52f, (float)h.Sent("/master/limiter/ceiling")!, 4);
        Assert.Equal(1, (int)h.Sent("/master/bypass")!);
    }
}
