using MixConsole.Control.Tests.Server;

namespace MixConsole.Control.Tests.X32;

using Osc = MixConsole.Control.Tests.Server.Osc;

/// <summary>
/// An X32 client driving an effect slot: the type by label or position, the pars as floats 0..1 that the type scales
/// (Maillot's tables: DLY's time 1..3000 ms, its mode ST/X/M), the node lines in the type's tokens.
/// </summary>
public sealed class X32EffectSlotTests
{
    [Fact]
    public void SettingAType_AnswersItsLabel_AndLoadsItsDefaultPars()
    {
        using var h = new ServerHarness();
        h.Send(ServerHarness.A, Osc.Message("/fx/2/type", "DLY"));
        Assert.Equal(10, (int)h.Query(ServerHarness.A, "/fx/2/type").Arguments[0]);
        Assert.Equal("/fx/2 DLY\n", X32NodeConformanceTests.NodeLine(h, "fx/2"));
        // The X32's DLY defaults: mix 100, time 223 ms, mode X, factors 1 and 1, offset 13, cuts 10 Hz and 20 kHz, ...
        string? par = X32NodeConformanceTests.NodeLine(h, "fx/2/par");
        Assert.NotNull(par);
        Assert.StartsWith("/fx/2/par 100 223 X 1 1 13 ", par, StringComparison.Ordinal);
        Assert.Equal(65, par.TrimEnd().Split(' ').Length);
    }

    [Fact]
    public void ADelayTimeFloat_SnapsToWholeMilliseconds_AndReadsBackInTheNodeLine()
    {
        using var h = new ServerHarness();
        h.Send(ServerHarness.A, Osc.Message("/fx/1/type", 10));
        float sent = (250.4f - 1) / 2999;
        h.Send(ServerHarness.A, Osc.Message("/fx/1/par/02", sent));
        float read = (float)h.Query(ServerHarness.A, "/fx/1/par/02").Arguments[0];
        Assert.Equal(249f / 2999, read, 1e-6f);
        Assert.StartsWith("/fx/1/par 100 250 ", X32NodeConformanceTests.NodeLine(h, "fx/1/par"), StringComparison.Ordinal);

        // An enum par takes its position or its label: mode 0 ST.
        h.Send(ServerHarness.A, Osc.Message("/fx/1/par/03", "ST"));
        Assert.StartsWith("/fx/1/par 100 250 ST ", X32NodeConformanceTests.NodeLine(h, "fx/1/par"), StringComparison.Ordinal);
        h.Send(ServerHarness.A, Osc.Message("/fx/1/par/03", 2));
        Assert.StartsWith("/fx/1/par 100 250 M ", X32NodeConformanceTests.NodeLine(h, "fx/1/par"), StringComparison.Ordinal);
    }

    [Fact]
    public void ATypeThisConsoleDoesNotRun_IsStored_AndItsParsKeepTheFloatsSent()
    {
        using var h = new ServerHarness();
        h.Send(ServerHarness.A, Osc.Message("/fx/3/type", "CRS"));
        h.Send(ServerHarness.A, Osc.Message("/fx/3/par/01", 0.3f));
        Assert.Equal("/fx/3 CRS\n", X32NodeConformanceTests.NodeLine(h, "fx/3"));
        Assert.Equal(0.3f, (float)h.Query(ServerHarness.A, "/fx/3/par/01").Arguments[0], 1e-6f);
        Assert.Equal("/fx/7 GEQ2\n", X32NodeConformanceTests.NodeLine(h, "fx/7"));
    }
}
