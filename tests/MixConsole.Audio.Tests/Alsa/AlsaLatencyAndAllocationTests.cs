using MixConsole.Audio.Alsa;
using MixConsole.Audio.Backends;
using MixConsole.Audio.Realtime;
using MixConsole.Audio.Tests.Support;
using MixConsole.Dsp.Core;
using Xunit.Abstractions;

namespace MixConsole.Audio.Tests.Alsa;

/// <summary>The latency the ALSA backend reports is the latency it has, and its loop allocates nothing.</summary>
public sealed class AlsaLatencyAndAllocationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(32, 2)]
    [InlineData(64, 3)]
    [InlineData(128, 4)]
    public void AnImpulseIn_ComesOutExactlyTheReportedFramesLater(int period, int periods)
    {
        using var dir = new TempDir();
        const int channels = 2;
        const long impulseAt = 1_000;
        const long frames = 8_192;
        var words = new int[(frames + 64 * period) * channels];
        words[impulseAt * channels] = 1 << 30;
        File.WriteAllBytes(dir.File("in.raw"), System.Runtime.InteropServices.MemoryMarshal.AsBytes(words.AsSpan()).ToArray());
        using var backend = new AlsaBackend();
        var format = backend.Open(new AudioBackendOptions
        {
            AlsaConfig = AlsaPluginTests.Config(dir.File("in.raw"), dir.File("out.raw")),
            Device = "play", CaptureDevice = "cap", ChannelsIn = channels, ChannelsOut = channels,
            PeriodFrames = period, Periods = periods, MaxFrames = frames, Realtime = RealtimeOptions.None,
        });
        backend.Start(new GainCallback([1f]));
        Assert.True(backend.WaitForEnd(TimeSpan.FromSeconds(30)));
        backend.Dispose();
        var played = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(File.ReadAllBytes(dir.File("out.raw")).AsSpan()).ToArray();
        int found = -1;
        for (int f = 0; f < played.Length / channels; f++)
        {
            if (played[f * channels] == 0) continue;
            Assert.Equal(-1, found);
            found = f;
        }
        long latency = found - impulseAt;
        output.WriteLine($"{format.DescribeFormat()}");
        output.WriteLine($"{format.DescribeLatency()}; measured {latency} frames");
        Assert.Equal(format.LatencyFrames, latency);
        Assert.Equal(period * periods, latency);
        Assert.Equal(1 << 30, played[found * channels]);
    }

    [Fact]
    public void TheReadProcessWriteLoop_AllocatesNothing_Over5000Periods()
    {
        using var dir = new TempDir();
        AlsaPluginTests.WriteInput(dir.File("in.raw"), 16, 5_200 * 32);
        using var backend = new AlsaBackend();
        backend.Open(new AudioBackendOptions
        {
            AlsaConfig = AlsaPluginTests.Config(dir.File("in.raw"), dir.File("out.raw")),
            Device = "play", CaptureDevice = "cap", ChannelsIn = 16, ChannelsOut = 16,
            PeriodFrames = 32, Periods = 2, MaxFrames = 5_100 * 32, Realtime = RealtimeOptions.None,
        });
        var callback = new GainCallback([1f], warmupCalls: 100);
        backend.Start(callback);
        Assert.True(backend.WaitForEnd(TimeSpan.FromSeconds(60)));
        Assert.Equal(5_100, callback.Calls);
        callback.Allocations.AssertNone("the ALSA read-process-write loop with a gain callback");
    }

    [Fact]
    public void FormatLine_And_LatencyLine_ReadAsTheBannerPrintsThem()
    {
        var f = new AudioFormatInfo("alsa", "hw:CARD=Octo", 48_000, 32, 2, 6, 8, AudioSampleFormat.S32, 64, "2 periods x 32 frames", true);
        Assert.Equal("alsa hw:CARD=Octo: 48000 Hz, S32_LE, 6 in / 8 out, period 32 x 2 (0.67 ms)", f.DescribeFormat());
        Assert.Equal("latency: 2 periods x 32 frames = 64 frames (1.33 ms) + converters", f.DescribeLatency());
    }

    [Fact]
    public void ChannelMaps_RouteConsoleChannels_ToTheirDeviceSlots()
    {
        // A TDM codec with 8 slots: console inputs 1-2 come from slots 3 and 1, console output 1 plays on slot 8.
        var device = new byte[4 * 8 * 4];
        var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(device.AsSpan());
        for (int f = 0; f < 4; f++)
            for (int s = 0; s < 8; s++) words[f * 8 + s] = (s + 1) << 24;
        var input = new AudioBuffer(2, 4);
        InterleavedSamples.Deinterleave(device, AudioSampleFormat.S32, 8, input, [2, 0], 4);
        Assert.Equal(3f / 128, input.Channel(0, 4)[0]);
        Assert.Equal(1f / 128, input.Channel(1, 4)[3]);
        var outBytes = new byte[4 * 8 * 4];
        InterleavedSamples.Interleave(input, [7, 0], outBytes, AudioSampleFormat.S32, 8, 4);
        var outWords = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(outBytes.AsSpan());
        Assert.Equal(3 << 24, outWords[7]);
        Assert.Equal(1 << 24, outWords[0]);
        Assert.Equal(0, outWords[3]);
    }

    [Theory]
    [InlineData(AudioSampleFormat.S16, 1.5f, 32767)]
    [InlineData(AudioSampleFormat.S16, -2f, -32768)]
    [InlineData(AudioSampleFormat.S24Packed, 1f, 8388607)]
    [InlineData(AudioSampleFormat.S24Packed, -0.5f, -4194304)]
    [InlineData(AudioSampleFormat.S32, 1f, int.MaxValue)]
    [InlineData(AudioSampleFormat.S32, float.NaN, 0)]
    [InlineData(AudioSampleFormat.S32, -1f, int.MinValue)]
    public void Overs_Clip_AndNaN_PlaysSilence(AudioSampleFormat format, float value, int expected)
    {
        var buffer = new AudioBuffer(1, 1);
        buffer.Channel(0, 1)[0] = value;
        var bytes = new byte[4];
        InterleavedSamples.Interleave(buffer, [], bytes, format, 1, 1);
        int got = format switch
        {
            AudioSampleFormat.S16 => BitConverter.ToInt16(bytes),
            AudioSampleFormat.S24Packed => (bytes[0] | bytes[1] << 8 | bytes[2] << 16) << 8 >> 8,
            _ => BitConverter.ToInt32(bytes),
        };
        Assert.Equal(expected, got);
        var back = new AudioBuffer(1, 1);
        InterleavedSamples.Deinterleave(bytes, format, 1, back, [], 1);
        Assert.Equal(expected / Math.Pow(2, format.BytesPerSample() * 8 - 1), back.Channel(0, 1)[0], 6);
    }
}
