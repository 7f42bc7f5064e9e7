using MixConsole.Dsp.Core;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Mastering;
using MixConsole.Engine.Parameters;
using MixConsole.Host.Serve;
using MixConsole.Tests.Shared;

namespace MixConsole.Host.Tests.Serve;

public sealed class MasteringRoutingTests
{
    [Fact]
    public void Block_WithTheMonitorSwitchingAndARecordingRunning_AllocatesNothing()
    {
        using var signals = new TestSignals();
        var store = new ParameterStore(ParameterTable.Create(ConsoleConfig.Default));
        var routing = new MasteringRouting(new LiveMasterChain(store), 48000, 32);
        routing.FollowPreview(store);
        using var recorder = new MasterRecorder(48000, signals.Path("rec"), store, _ => { });
        routing.Recorder = recorder;
        Assert.True(recorder.Start());
        var input = new AudioBuffer(2, 32);
        var output = new AudioBuffer(4, 32);
        var random = new Random(3);
        for (int c = 0; c < 2; c++)
            for (int i = 0; i < 32; i++) input.Channel(c)[i] = (float)(random.NextDouble() - 0.5);
        int preview = store.Table.IndexOf(ConsoleAddressSpace.PreviewPath), call = 0;
        // Every 200 blocks the control side moves /master/preview on: fades and curve loads are in the count.
        Allocations.AssertNone(() => routing.Process(input, output, 32), calls: 20_000, what: "MasteringRouting.Process (monitor and recorder on)",
            unmeasured: () =>
            {
                if (++call % 200 == 0) store.TrySetInt(preview, call / 200 % 8);
            });
        Assert.True(recorder.IsRecording);
    }
}
