using System.Runtime.InteropServices;
using MixConsole.Audio.Alsa;
using MixConsole.Audio.Backends;
using MixConsole.Audio.Profiles;
using MixConsole.Audio.Realtime;
using MixConsole.Audio.Tests.Support;

namespace MixConsole.Audio.Tests.Alsa;

/// <summary>
/// Xruns through an ALSA test PCM (file plugins over null, the Pi 4 profile's 8-slot frame): the streams run through
/// them without a restart, the slot alignment is found at start and checked after each recovery, and every output
/// slot keeps carrying its own input's marker.
/// </summary>
public sealed class AlsaXrunAlignmentTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static AudioBackendOptions Options(TempDir dir, long frames, int alignmentFrames) =>
        HardwareProfiles.Find("pi4-cs42448").ToOptions(new AudioBackendOptions()) with
        {
            AlsaConfig = AlsaPluginTests.Config(dir.File("in.raw"), dir.File("out.raw")),
            Device = "play",
            CaptureDevice = "cap",
            MaxFrames = frames,
            AlignmentFrames = alignmentFrames,
            Realtime = RealtimeOptions.None,
        };

    private static int[] Played(TempDir dir) => MemoryMarshal.Cast<byte, int>(File.ReadAllBytes(dir.File("out.raw")).AsSpan()).ToArray();

    // Frames (from `from` on) whose 8 slots do not each carry their own marker (outputs 7-8 have no input: zero); a muted frame is all zero.
    private static (int Wrong, int Sounding) Check(int[] played, int from)
    {
        int wrong = 0, sounding = 0;
        for (int f = from; f < played.Length / SlotMarkers.Slots; f++)
        {
            bool muted = true, right = true;
            for (int s = 0; s < SlotMarkers.Slots; s++)
            {
                int v = played[f * SlotMarkers.Slots + s];
                if (v != 0) muted = false;
                if (SlotMarkers.SlotOf(v) != (s < 6 ? s : -1)) right = false;
            }
            if (muted) continue;
            sounding++;
            if (!right) wrong++;
        }
        return (wrong, sounding);
    }

    [Fact]
    public void AFrameRotatedAtStart_IsFound_AndEveryInputLandsOnItsOwnChannel()
    {
        using var dir = new TempDir();
        SlotMarkers.Write(dir.File("in.raw"), 20_000, rotation: 3, emptySlots: [6, 7]);
        using var backend = new AlsaBackend();
        var format = backend.Open(Options(dir, 8_192, 1_024));
        backend.Start(new GainCallback([1f]));
        Assert.True(backend.WaitForEnd(Timeout));
        Assert.Null(backend.Fault);
        backend.Dispose();
        Assert.Equal((3, 1L), (backend.SlotRotation, backend.SlotRealignments));
        var (wrong, sounding) = Check(Played(dir), 0);
        Assert.Equal(0, wrong);
        Assert.True(sounding >= 8_192 - 1_024 - format.PeriodFrames, $"{sounding} frames sounded");
    }

    [Fact]
    public void AHundredForcedXruns_NeverRestartTheStreams_AndEveryChannelKeepsItsMarker()
    {
        using var dir = new TempDir();
        SlotMarkers.Write(dir.File("in.raw"), 200_000, rotation: 0, emptySlots: [6, 7]);
        using var backend = new AlsaBackend();
        var format = backend.Open(Options(dir, 64 * 700, 128));
        // Every 6th read from the 20th fails as an over-run would: 100 of them.
        backend.InjectError = i => i >= 20 && i < 620 && (i - 20) % 6 == 0 ? -LibAsound.EPipe : 0;
        backend.Start(new GainCallback([1f]));
        Assert.True(backend.WaitForEnd(Timeout));
        Assert.Null(backend.Fault);
        backend.Dispose();
        Assert.Equal(100, backend.Xruns);
        Assert.Equal(100, backend.Resyncs);
        Assert.Equal(0, backend.Restarts);
        Assert.Equal((0, 0L, 0L), (backend.SlotRotation, backend.SlotRealignments, backend.AlignmentsUnverified));
        var (wrong, sounding) = Check(Played(dir), format.LatencyFrames);
        Assert.Equal(0, wrong);
        Assert.True(sounding > 64 * 700 / 2, $"{sounding} frames sounded");
    }

    [Fact]
    public void AFrameThatSlipsMidShow_IsPutRight_AtTheNextRecovery()
    {
        using var dir = new TempDir();
        // From input frame 6,400 on the codec's frame is rotated by 5 slots; a forced xrun at read 150 (frame 9,600) rechecks it.
        SlotMarkers.Write(dir.File("in.raw"), 60_000, rotation: 5, emptySlots: [6, 7], rotateFrom: 6_400);
        using var backend = new AlsaBackend();
        var format = backend.Open(Options(dir, 64 * 400, 256));
        backend.InjectError = i => i == 150 ? -LibAsound.EPipe : 0;
        backend.Start(new GainCallback([1f]));
        Assert.True(backend.WaitForEnd(Timeout));
        Assert.Null(backend.Fault);
        backend.Dispose();
        Assert.Equal((5, 1L, 1L), (backend.SlotRotation, backend.SlotRealignments, backend.Xruns));
        var played = Played(dir);
        // Before the slip every channel is right; between slip and recheck they are scrambled (what the check exists for); after, right again.
        Assert.Equal(0, Check(played[..((6_400 + format.LatencyFrames) * SlotMarkers.Slots)], 0).Wrong);
        Assert.True(Check(played[..((9_000 + format.LatencyFrames) * SlotMarkers.Slots)], 6_400 + format.LatencyFrames).Wrong > 0);
        var (wrong, sounding) = Check(played, (150 + 1) * 64 + 256 + format.LatencyFrames);
        Assert.Equal(0, wrong);
        Assert.True(sounding > 10_000, $"{sounding} frames sounded");
    }
}
