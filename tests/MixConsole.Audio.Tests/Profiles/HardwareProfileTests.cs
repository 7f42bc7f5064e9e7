using MixConsole.Audio.Alsa;
using MixConsole.Audio.Backends;
using MixConsole.Audio.Profiles;
using MixConsole.Audio.Realtime;
using MixConsole.Audio.Tests.Alsa;
using MixConsole.Audio.Tests.Support;

namespace MixConsole.Audio.Tests.Profiles;

/// <summary>The shipped hardware profiles load, say what the board needs, and drive the backend's channel map.</summary>
public sealed class HardwareProfileTests
{
    [Fact]
    public void ShippedProfiles_AreFound_AndAllLoad()
    {
        var names = HardwareProfiles.Names();
        Assert.Contains("pi4-cs42448", names);
        Assert.Contains("pi5-hifiberry-dac8x-adc8x", names);
        Assert.Contains("usb-generic", names);
        foreach (var n in names) Assert.Equal(n, HardwareProfiles.Find(n).Name);
    }

    [Fact]
    public void Pi4Cs42448_Is6In8Out_OnAn8SlotTdmFrame_At64Frames()
    {
        var p = HardwareProfiles.Find("pi4-cs42448");
        Assert.Equal((6, 8, 8, 8), (p.ChannelsIn, p.ChannelsOut, p.DeviceChannelsIn, p.DeviceChannelsOut));
        Assert.Contains(p.ConfigTxt, l => l.StartsWith("dtoverlay=", StringComparison.Ordinal));
        Assert.Equal(64, p.PeriodFrames);
        var o = p.ToOptions(new AudioBackendOptions());
        Assert.Equal("hw:CARD=audioinjectoroc,DEV=0", o.Device);
        Assert.Equal(AudioSampleFormat.S32, o.FormatPreference[0]);
        o.Validate();
    }

    [Fact]
    public void Pi5HifiBerry_Is8In8Out()
    {
        var p = HardwareProfiles.Find("pi5-hifiberry-dac8x-adc8x");
        Assert.Equal((8, 8), (p.ChannelsIn, p.ChannelsOut));
        Assert.Contains("dtoverlay=hifiberry-dac8x", p.ConfigTxt);
    }

    [Fact]
    public void UsbProfile_WithoutAUsbCard_SaysSoInOneLine()
    {
        var p = HardwareProfiles.Find("usb-generic");
        if (AlsaDevices.FirstUsbCard() is { } card)
        {
            Assert.Equal(card.HwName, p.ToOptions(new AudioBackendOptions()).Device);
            return;
        }
        var e = Assert.Throws<AudioBackendException>(() => p.ToOptions(new AudioBackendOptions()));
        Assert.StartsWith("profile usb-generic: no USB audio interface found", e.Message);
    }

    [Fact]
    public void UnknownProfile_ListsTheKnownOnes()
    {
        var e = Assert.Throws<AudioBackendException>(() => HardwareProfiles.Find("pi3-nothing"));
        Assert.Contains("no hardware profile 'pi3-nothing'; available: ", e.Message);
        Assert.Contains("pi4-cs42448", e.Message);
    }

    [Fact]
    public void AProfileMappingASlotTheDeviceLacks_IsRefused()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("bad.json"), """
            { "name": "bad", "playbackDevice": "hw:0", "captureDevice": "hw:0", "channelsIn": 2, "channelsOut": 2,
              "deviceChannelsIn": 2, "deviceChannelsOut": 2, "inputMap": [0, 5], "periodFrames": 32, "periods": 2 }
            """);
        var e = Assert.Throws<AudioBackendException>(() => HardwareProfiles.Load(dir.File("bad.json")));
        Assert.EndsWith("input channel map names device channel 6, the device has 2", e.Message);
    }

    [Fact]
    public void Pi4ChannelMap_TakesTheSixAdcSlots_OfTheEightSlotFrame_ThroughAlsa()
    {
        using var dir = new TempDir();
        const int slots = 8;
        // Slots 7-8 of the CS42448's frame carry no ADC: zero.
        SlotMarkers.Write(dir.File("in.raw"), 8_000, rotation: 0, emptySlots: [6, 7]);
        var options = HardwareProfiles.Find("pi4-cs42448").ToOptions(new AudioBackendOptions()) with
        {
            AlsaConfig = AlsaPluginTests.Config(dir.File("in.raw"), dir.File("out.raw")),
            Device = "play",
            CaptureDevice = "cap",
            MaxFrames = 6_144,
            Realtime = RealtimeOptions.None,
        };
        using var backend = new AlsaBackend();
        var format = backend.Open(options);
        Assert.Equal((6, 8), (format.ChannelsIn, format.ChannelsOut));
        backend.Start(new GainCallback([1f]));
        Assert.True(backend.WaitForEnd(TimeSpan.FromSeconds(30)));
        backend.Dispose();
        var played = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(File.ReadAllBytes(dir.File("out.raw")).AsSpan()).ToArray();
        // Inputs are muted while the first alignment window (2,048 frames) is watched; after it, outputs 1-6 carry inputs 1-6 exactly.
        int from = format.LatencyFrames + options.AlignmentFrames;
        for (int f = from; f < from + 2_000; f++)
        {
            for (int s = 0; s < slots; s++)
                Assert.Equal(s < 6 ? SlotMarkers.Sample(f - format.LatencyFrames, s) : 0, played[f * slots + s]);
        }
        Assert.Equal((0, 0L, 0L), (backend.SlotRotation, backend.SlotRealignments, backend.AlignmentsUnverified));
    }
}
