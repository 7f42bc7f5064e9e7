using System.Text.Json;
using MixConsole.Dsp.Core;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;
using MixConsole.Host.Serve;
using MixConsole.Host.Tests.Scenes;
using MixConsole.Tests.Shared;
using Xunit.Abstractions;

namespace MixConsole.Host.Tests.Serve;

/// <summary>
/// Recording the master (<c>/master/record</c>): on <c>serve --mode mastering --audio wav</c> each recording is a run
/// of the output's samples bit for bit, with the settings beside it; a full disk ends a recording with a warning
/// while the audio side goes on untouched and allocation-free.
/// </summary>
public sealed class MasterRecorderTests(ITestOutputHelper log)
{
    private const int Rate = 48_000;

    [Fact]
    public void Recordings_OfServe_EqualTheOutputSamplesExactly_WithTheSettingsBeside()
    {
        using var signals = new TestSignals();
        string input = signals.Write("programme.wav", Rate, 2, 8, (c, i) =>
        {
            double t = (double)i / Rate;
            return 0.4 * Math.Sin(2 * Math.PI * 55 * t) * (1 + 0.5 * Math.Sin(2 * Math.PI * 2 * t)) + 0.1 * Math.Sin(2 * Math.PI * (440 + 3 * c) * t);
        });
        string output = signals.Path("out.wav");
        string folder = signals.Path("recordings");
        var paths = new List<string>();
        using (var serve = ServeProcess.StartServe("--audio", "wav", "--mode", "mastering", "--input", input, "--output", output,
            "--recordings", folder, "--osc-port", "0", "--http-port", "0", "--bind", "127.0.0.1", "--allow", "127.0.0.0/8", "--status", "0",
            "--rt-priority", "0", "--no-mlock", "--rate-limit", "100000", "--preset", "punchy"))
        using (var client = new OscTestClient(serve.Port))
        {
            object[]? started = Ask(client, 1);
            Assert.Equal(1, started?[0]);
            paths.Add((string)started![1]);
            // A loaded machine paces the wav backend slower than real time: wait for audio written, not for a clock.
            WaitForFrames(paths[0], Rate);
            Assert.Equal(0, Ask(client, 0)?[0]);
            Thread.Sleep(300);
            // A second recording, left running: serve closes it when the audio ends.
            object[]? again = Ask(client, 1);
            Assert.Equal(1, again?[0]);
            paths.Add((string)again![1]);
            Assert.NotEqual(paths[0], paths[1]);
            Assert.Equal(0, serve.WaitForExit(TimeSpan.FromSeconds(120)));
            Assert.Contains("recorded " + paths[1], serve.Out);
        }

        float[][] printed = ReferenceWav.Read(output).Channels;
        int end = -1;
        foreach (string path in paths)
        {
            var recording = ReferenceWav.Read(path);
            Assert.True(recording.IsFloat && recording.Channels.Length == 2 && recording.SampleRateHz == Rate);
            int frames = recording.Frames;
            Assert.True(frames > Rate / 2, $"{path} holds only {frames} frames");
            int at = Find(printed, recording.Channels, end + 1);
            Assert.True(at >= 0, $"{path} is not a run of the output's samples");
            log.WriteLine($"{Path.GetFileName(path)}: {frames} frames, output frames {at}..{at + frames - 1} of {printed[0].Length}, bit for bit");
            end = at + frames - 1;

            using var settings = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(path, ".json")));
            JsonElement root = settings.RootElement;
            Assert.True(root.GetProperty("finished").GetBoolean());
            Assert.Equal(frames, root.GetProperty("frames").GetInt64());
            Assert.Equal(0, root.GetProperty("lost_frames").GetInt64());
            Assert.True(root.GetProperty("parameters").TryGetProperty("/master/limiter/ceiling", out _));
            Assert.False(root.GetProperty("parameters").TryGetProperty("/ch/01/mix/fader", out _));
        }

        Assert.Equal(printed[0].Length - 1, end); // the second ran to the end of the output
    }

    [Fact]
    public void DiskFull_EndsTheRecordingWithAWarning_TheAudioSideGoesOnAllocationFree()
    {
        using var signals = new TestSignals();
        var warnings = new List<string>();
        var store = new ParameterStore(ParameterTable.Create(ConsoleConfig.Default));
        using var recorder = new MasterRecorder(Rate, signals.Path("rec"), store, w => { lock (warnings) warnings.Add(w); },
            open: path => new FullDisk(File.Create(path), 100_000));
        var block = new AudioBuffer(2, 32);
        Fill(block);
        Assert.True(recorder.Start());
        Allocations.AssertNone(() => recorder.Write(block, 32), calls: 20_000, what: "MasterRecorder.Write while recording");

        // Whatever the disk does, the audio side keeps handing blocks over; the writer gives up with a warning.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (recorder.IsRecording && DateTime.UtcNow < deadline)
        {
            recorder.Write(block, 32);
            Thread.Sleep(1);
        }

        Assert.False(recorder.IsRecording, "a full disk did not end the recording");
        string warning;
        lock (warnings) warning = string.Join("\n", warnings);
        log.WriteLine(warning);
        Assert.Contains("recording stopped", warning);
        Assert.Contains("No space left on device", warning);
        for (int i = 0; i < 1000; i++) recorder.Write(block, 32);
        Assert.True(File.Exists(recorder.Path!));
    }

    private static void Fill(AudioBuffer block)
    {
        for (int i = 0; i < 32; i++)
        {
            block.Channel(0)[i] = (float)Math.Sin(i * 0.1);
            block.Channel(1)[i] = (float)Math.Cos(i * 0.1);
        }
    }

    private static object[]? Ask(OscTestClient client, int on)
    {
        client.Send("/master/record", on);
        return client.WaitFor("/master/record", TimeSpan.FromSeconds(10));
    }

    // The first frame from `from` on where `part` lies in `whole` bit for bit, or -1.
    private static int Find(float[][] whole, float[][] part, int from)
    {
        int n = part[0].Length;
        for (int at = from; at + n <= whole[0].Length; at++)
        {
            bool same = true;
            for (int i = 0; i < n && same; i++)
                for (int c = 0; c < 2 && same; c++)
                    same = BitConverter.SingleToInt32Bits(whole[c][at + i]) == BitConverter.SingleToInt32Bits(part[c][i]);
            if (same) return at;
        }

        return -1;
    }

    // A disk that fills after `room` bytes, as a full filesystem answers.
    private sealed class FullDisk(Stream inner, long room) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => inner.SetLength(value);

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (inner.Position + count > room) throw new IOException("No space left on device");
            inner.Write(buffer, offset, count);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }

    // Recordings are float stereo: 8 bytes a frame after a header well under 4 KB.
    private static void WaitForFrames(string path, int frames)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            var file = new FileInfo(path);
            if (file.Exists && file.Length > 4096 + 8L * frames) return;
            Thread.Sleep(50);
        }
    }
}
