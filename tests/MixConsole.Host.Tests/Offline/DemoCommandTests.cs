using MixConsole.Audio.Wav;
using MixConsole.Dsp.Core;
using MixConsole.Host.Cli;
using MixConsole.Host.Commands;
using MixConsole.Host.Offline;

namespace MixConsole.Host.Tests.Offline;

public sealed class DemoCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mixconsole-demo-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Demo_WritesStemsMixMasterAndReport_AndTheMasterMeetsItsTarget()
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = new CommandRunner(CommandCatalog.All).Run(["demo", "--out", _dir], new CommandContext(o, e, CancellationToken.None));
        Assert.True(code == 0, e.ToString());
        foreach (string name in new[] { "kick", "snare", "hihat", "bass", "keys", "lead" })
            Assert.True(File.Exists(Path.Combine(_dir, "stems", name + ".wav")), name);
        Assert.True(File.Exists(Path.Combine(_dir, "report.txt")));
        Assert.Contains("loudness before mastering", o.ToString());
        Assert.Contains("loudness after mastering", o.ToString());

        using var reader = WavReader.Open(Path.Combine(_dir, "master.wav"));
        Assert.Equal(WavSampleFormat.Pcm24, reader.Format.SampleFormat);
        int frames = (int)reader.FrameCount;
        var buffer = new AudioBuffer(2, frames);
        reader.Read(buffer, frames);
        var levels = SessionRenderer.Measure([buffer.Channel(0, frames).ToArray(), buffer.Channel(1, frames).ToArray()], 48000);
        Assert.Equal(-14, levels.IntegratedLufs, 0);

        // The session it wrote mixes to the same file again: the demo is the mix command with a built-in session.
        string again = Path.Combine(_dir, "again.wav");
        Assert.Equal(0, new CommandRunner(CommandCatalog.All).Run(["mix", Path.Combine(_dir, "session.json"), "-o", again, "--tail", "2"],
            new CommandContext(new StringWriter(), new StringWriter(), CancellationToken.None)));
        Assert.Equal(File.ReadAllBytes(Path.Combine(_dir, "mix.wav")), File.ReadAllBytes(again));
    }
}
