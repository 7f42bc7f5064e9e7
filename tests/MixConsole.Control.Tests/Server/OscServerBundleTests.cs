using MixConsole.Control.Osc;
using MixConsole.Control.Server;

namespace MixConsole.Control.Tests.Server;

public class OscServerBundleTests
{
    [Fact]
    public void ImmediateBundle_AppliesEveryMessage_IncludingNestedOnes()
    {
        using var h = new ServerHarness();
        byte[] inner = Osc.Bundle(OscTimeTag.Immediate, Osc.Message("/ch/03/mix/on", 0));
        h.Send(ServerHarness.A, Osc.Bundle(OscTimeTag.Immediate, Osc.Message("/ch/01/mix/on", 0), Osc.Message("/ch/02/mix/on", 0), inner));
        Assert.All(new[] { 1, 2, 3 }, ch => Assert.Equal(0f, h.Store.GetReal(h.Index($"/ch/{ch:00}/mix/on"))));
    }

    [Fact]
    public void ImmediateBundle_IsAppliedAsOneStoreBatch()
    {
        // The compiler waits for a batch to close, so the audio hears a bundle whole: one wake-up, after the last message.
        using var h = new ServerHarness();
        var seen = new List<float>();
        int fader = h.Index("/ch/02/mix/on");
        h.Store.Changed += () => seen.Add(h.Store.GetReal(fader));
        h.Send(ServerHarness.A, Osc.Bundle(OscTimeTag.Immediate, Osc.Message("/ch/01/mix/on", 0), Osc.Message("/ch/02/mix/on", 0), Osc.Message("/ch/03/mix/on", 0)));
        Assert.Equal([0f], seen);
        Assert.False(h.Store.IsBatchOpen);
    }

    [Fact]
    public void HeldMessagesDueTogether_AreAppliedAsOneStoreBatch()
    {
        using var h = new ServerHarness();
        var at = OscTimeTag.FromDateTimeOffset(h.Clock.GetUtcNow().AddMilliseconds(100));
        h.Send(ServerHarness.A, Osc.Bundle(at, Osc.Message("/ch/01/mix/on", 0), Osc.Message("/ch/02/mix/on", 0)));
        int changes = 0;
        h.Store.Changed += () => changes++;
        h.Clock.Advance(TimeSpan.FromMilliseconds(200));
        h.Server.Tick();
        Assert.Equal(1, changes);
        Assert.Equal(0f, h.Store.GetReal(h.Index("/ch/02/mix/on")));
    }

    [Fact]
    public void FutureBundle_IsHeldUntilItsTime_ThenApplied()
    {
        using var h = new ServerHarness();
        int on = h.Index("/ch/01/mix/on");
        var at = OscTimeTag.FromDateTimeOffset(h.Clock.GetUtcNow().AddMilliseconds(500));
        h.Send(ServerHarness.A, Osc.Bundle(at, Osc.Message("/ch/01/mix/on", 0)));

        h.Server.Tick();
        Assert.Equal(1f, h.Store.GetReal(on));
        Assert.Equal(1, h.Server.ScheduledCount);

        h.Clock.Advance(TimeSpan.FromMilliseconds(490));
        h.Server.Tick();
        Assert.Equal(1f, h.Store.GetReal(on));

        h.Clock.Advance(TimeSpan.FromMilliseconds(10));
        h.Server.Tick();
        Assert.Equal(0f, h.Store.GetReal(on));
        Assert.Equal(0, h.Server.ScheduledCount);
    }

    [Fact]
    public void HeldMessages_RunInTimeOrder()
    {
        using var h = new ServerHarness();
        DateTimeOffset now = h.Clock.GetUtcNow();
        h.Send(ServerHarness.A, Osc.Bundle(OscTimeTag.FromDateTimeOffset(now.AddMilliseconds(200)), Osc.Message("/ch/01/mix/fader", 0.9f)));
        h.Send(ServerHarness.A, Osc.Bundle(OscTimeTag.FromDateTimeOffset(now.AddMilliseconds(100)), Osc.Message("/ch/01/mix/fader", 0.1f)));
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        h.Server.Tick();
        Assert.Equal(0.9f, h.Store.GetNormalized(h.Index("/ch/01/mix/fader")), 3);
    }

    [Fact]
    public void PastTimeTag_IsAppliedAtOnce()
    {
        using var h = new ServerHarness();
        var past = OscTimeTag.FromDateTimeOffset(h.Clock.GetUtcNow().AddSeconds(-5));
        h.Send(ServerHarness.A, Osc.Bundle(past, Osc.Message("/ch/01/mix/on", 0)));
        Assert.Equal(0f, h.Store.GetReal(h.Index("/ch/01/mix/on")));
    }

    [Fact]
    public void BundleDatedBeyondTheHorizon_IsRefused_AndNeverApplied()
    {
        using var h = new ServerHarness(new OscServerOptions { MaxScheduleAhead = TimeSpan.FromSeconds(60) });
        var late = OscTimeTag.FromDateTimeOffset(h.Clock.GetUtcNow().AddMinutes(5));
        h.Send(ServerHarness.A, Osc.Bundle(late, Osc.Message("/ch/01/mix/on", 0)));
        h.Clock.Advance(TimeSpan.FromMinutes(6));
        h.Server.Tick();
        Assert.Equal(1f, h.Store.GetReal(h.Index("/ch/01/mix/on")));
        Assert.Equal(1, h.Server.Counters.ScheduleRefusals);
    }

    [Fact]
    public void HeldMessagePool_IsBounded()
    {
        using var h = new ServerHarness(new OscServerOptions { MaxScheduledMessages = 4 });
        var at = OscTimeTag.FromDateTimeOffset(h.Clock.GetUtcNow().AddSeconds(1));
        var messages = Enumerable.Range(1, 6).Select(ch => Osc.Message($"/ch/{ch:00}/mix/on", 0)).ToArray();
        h.Send(ServerHarness.A, Osc.Bundle(at, messages));
        Assert.Equal(4, h.Server.ScheduledCount);
        Assert.Equal(2, h.Server.Counters.ScheduleRefusals);
        h.Clock.Advance(TimeSpan.FromSeconds(2));
        h.Server.Tick();
        Assert.Equal([0f, 0f, 0f, 0f, 1f, 1f], Enumerable.Range(1, 6).Select(ch => h.Store.GetReal(h.Index($"/ch/{ch:00}/mix/on"))));
    }

    [Fact]
    public void BundleWithOneBadElement_AppliesNothing()
    {
        using var h = new ServerHarness();
        byte[] bad = Osc.Message("/ch/02/mix/on", 0);
        bad[^5] = 1; // a non-zero padding byte in the type-tag string
        h.Send(ServerHarness.A, Osc.Bundle(OscTimeTag.Immediate, Osc.Message("/ch/01/mix/on", 0), bad));
        Assert.Equal(1f, h.Store.GetReal(h.Index("/ch/01/mix/on")));
        Assert.Equal(1, h.Server.Counters.MalformedPackets);
    }
}
