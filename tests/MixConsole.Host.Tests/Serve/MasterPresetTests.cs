using MixConsole.Control.Osc;
using MixConsole.Control.Tests.Server;
using MixConsole.Dsp.Core;
using MixConsole.Dsp.Mastering;
using MixConsole.Dsp.Tests.Loudness;
using MixConsole.Dsp.Tests.Mastering;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Mastering;
using MixConsole.Engine.Parameters;
using MixConsole.Host.Serve;
using MixConsole.Host.Tests.Scenes;
using MixConsole.Mastering.Presets;
using MixConsole.Store;

namespace MixConsole.Host.Tests.Serve;

/// <summary>
/// Master presets: one description live and offline (a built-in preset on the live chain sounds as the offline chain
/// <c>master --preset</c> sets up, minus the offline trim and loudness stage), user presets saved in the store, recalled
/// crossfaded through the other A/B slot, listed and deleted over OSC, and found by the offline <c>master --preset --state</c>.
/// </summary>
public sealed class MasterPresetTests(Xunit.Abstractions.ITestOutputHelper log)
{
    private const int Rate = 48_000;
    private const int Block = 128;
    private const double NominalLufs = MasterPreset.NominalLufs;

    /// <summary>Noise with a bass line and a chord, stereo with some side, brought to the presets' nominal loudness (so the offline trim is 0).</summary>
    private static float[][] Programme(double seconds)
    {
        int frames = (int)(seconds * Rate);
        var random = new Random(5);
        var x = new[] { new float[frames], new float[frames] };
        for (int i = 0; i < frames; i++)
        {
            double t = (double)i / Rate, noise = random.NextDouble() * 2 - 1, side = 0.3 * (random.NextDouble() * 2 - 1);
            double tones = 0.5 * Math.Sin(2 * Math.PI * 55 * t) + 0.2 * Math.Sin(2 * Math.PI * 440 * t) + 0.2 * Math.Sin(2 * Math.PI * 2500 * t);
            x[0][i] = (float)(0.5 * noise + tones + side);
            x[1][i] = (float)(0.5 * noise + tones - side);
        }
        double gain = Decibels.ToGain(NominalLufs - LibEbur128.Measure(x, Rate).IntegratedLufs);
        for (int c = 0; c < 2; c++) for (int i = 0; i < frames; i++) x[c][i] = (float)(x[c][i] * gain);
        return x;
    }

    private static float[][] Live(string preset, float[][] input)
    {
        var store = new ParameterStore(ParameterTable.Create(ConsoleConfig.Default));
        foreach (var (path, value) in MasteringPresets.Values(preset)) Assert.True(store.TrySetReal(store.Table.IndexOf(path), value), path);
        Assert.True(store.TrySetReal(store.Table.IndexOf("/master/loudness/mode"), (float)LoudnessMode.Hold));
        Assert.True(store.TrySetReal(store.Table.IndexOf("/master/limiter/ceiling"), 0f));
        var live = new LiveMasterChain(store);
        live.Prepare(new ProcessSpec(Rate, Block, 2));
        int frames = input[0].Length;
        var output = new[] { new float[frames], new float[frames] };
        var buffer = new AudioBuffer(2, Block);
        for (int start = 0; start < frames; start += Block)
        {
            int n = Math.Min(Block, frames - start);
            for (int c = 0; c < 2; c++) input[c].AsSpan(start, n).CopyTo(buffer.Channel(c, n));
            live.Process(buffer, n);
            for (int c = 0; c < 2; c++) buffer.Channel(c, n).CopyTo(output[c].AsSpan(start, n));
        }
        return output;
    }

    private static float[][] Offline(string preset, float[][] input)
    {
        var chain = new MasterChain();
        MasterPreset.Find(preset)!.Apply(chain, NominalLufs);
        chain.Limiter.CeilingDbtp = 0;
        chain.Prepare(new ProcessSpec(Rate, 512, 2));
        return chain.Render(input);
    }

    /// <summary>Power per third octave (31.5 Hz .. 16 kHz) of mid and side, in dB, Welch-averaged over Hann frames from <paramref name="from"/>.</summary>
    private static double[] ThirdOctavesDb(float[][] audio, int from)
    {
        const int n = 8192;
        var bands = new List<double>();
        foreach (bool side in new[] { false, true })
        {
            var power = new double[n / 2];
            for (int start = from; start + n <= audio[0].Length; start += n / 2)
            {
                var re = new double[n];
                var im = new double[n];
                for (int i = 0; i < n; i++)
                    re[i] = (0.5 - 0.5 * Math.Cos(2 * Math.PI * i / n)) * 0.5 * (audio[0][start + i] + (side ? -audio[1][start + i] : audio[1][start + i]));
                TestFft.Transform(re, im);
                for (int k = 0; k < n / 2; k++) power[k] += re[k] * re[k] + im[k] * im[k];
            }
            for (int b = -15; b <= 12; b++)
            {
                double centre = 1000 * Math.Pow(2, b / 3.0), lo = centre * Math.Pow(2, -1 / 6.0), hi = centre * Math.Pow(2, 1 / 6.0), sum = 1e-30;
                for (int k = (int)Math.Ceiling(lo * n / Rate); k < Math.Min(n / 2, hi * n / Rate); k++) sum += power[k];
                bands.Add(10 * Math.Log10(sum));
            }
        }
        return [.. bands];
    }

    public static TheoryData<string> Presets => [.. MasterPreset.All.Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Presets))]
    public void BuiltInPreset_OnTheLiveChain_SoundsAsTheOfflineChainItSetsUp(string preset)
    {
        float[][] input = Programme(8);
        float[][] live = Live(preset, input), offline = Offline(preset, input);
        double liveLufs = LibEbur128.Measure(live, Rate).IntegratedLufs, offlineLufs = LibEbur128.Measure(offline, Rate).IntegratedLufs;
        double[] a = ThirdOctavesDb(live, Rate), b = ThirdOctavesDb(offline, Rate);
        double worst = 0;
        int worstBand = 0;
        for (int k = 0; k < a.Length; k++)
            if (Math.Abs(a[k] - b[k]) > worst) (worst, worstBand) = (Math.Abs(a[k] - b[k]), k);
        double[] dry = ThirdOctavesDb(input, Rate);
        double shaped = 0;
        for (int k = 0; k < a.Length; k++) shaped = Math.Max(shaped, Math.Abs(b[k] - dry[k]));
        log.WriteLine($"{preset}: live {liveLufs:0.000} LUFS, offline {offlineLufs:0.000} LUFS; largest third-octave difference {worst:0.000} dB " +
            $"({(worstBand < a.Length / 2 ? "mid" : "side")} band {worstBand % (a.Length / 2)}); the preset itself moves a band by up to {shaped:0.00} dB");
        Assert.True(Math.Abs(liveLufs - offlineLufs) <= 0.1, $"{preset}: live {liveLufs:0.000} LUFS, offline {offlineLufs:0.000} LUFS");
        Assert.True(worst <= 0.3, $"{preset}: third octaves differ by up to {worst:0.000} dB");
    }

    private static (string Address, object[] Arguments) Send(MasterOscCommands commands, string address, params object[] arguments)
    {
        Assert.True(OscMessage.TryParse(Osc.Message(address, arguments), out OscMessage message, out _));
        var reply = new byte[4096];
        Assert.True(commands.TryHandle(in message, reply, out int length), address);
        return Osc.Read(reply[..length]);
    }

    private static void Answered(string address, string name, int ok, (string Address, object[] Arguments) reply)
    {
        Assert.Equal(address, reply.Address);
        Assert.Equal([name, ok], reply.Arguments);
    }

    private static void Set(ParameterStore store, string path, float value) => Assert.True(store.TrySetReal(store.Table.IndexOf(path), value), path);

    private static float Get(ParameterStore store, string path) => store.GetReal(store.Table.IndexOf(path));

    [Fact]
    public void UserPresets_SavedRecalledThroughTheOtherSlotListedDeleted_AndFoundOffline()
    {
        using var signals = new TestSignals();
        string dir = signals.Path("state");
        string mix = signals.Write("mix.wav", Rate, 2, 3.0, (c, i) => 0.2 * Math.Sin(2 * Math.PI * (c == 0 ? 220 : 330) * i / Rate));
        var parameters = new ParameterStore(ParameterTable.Create(ConsoleConfig.Default));
        using (ConsoleStore store = ConsoleStore.Open(dir))
        {
            var presets = new MasterPresetStore(store);
            var commands = new MasterOscCommands(parameters, () => presets, log.WriteLine);
            Set(parameters, "/master/eq/1/g", 5f);
            Set(parameters, "/master/comp/amount", 40f);
            Set(parameters, "/master/sat/on", 1f);
            Answered("/master/preset/save", "mine", 1, Send(commands, "/master/preset/save", "mine"));
            Answered("/master/preset/save", "warm", 0, Send(commands, "/master/preset/save", "warm")); // built-in names stay built-in
            Set(parameters, "/master/eq/1/g", 0f);

            // Recalled into the slot not in play, which then plays (the A/B crossfade); A keeps what played.
            Answered("/master/preset", "mine", 1, Send(commands, "/master/preset", "mine"));
            Assert.Equal(1f, Get(parameters, "/master/ab"));
            Assert.Equal(5f, Get(parameters, "/master/b/eq/1/g"));
            Assert.Equal(40f, Get(parameters, "/master/b/comp/amount"));
            Assert.Equal(0f, Get(parameters, "/master/eq/1/g"));

            // A built-in preset goes the same way, back into A, whole: every leaf of the setting.
            Answered("/master/preset", "warm", 1, Send(commands, "/master/preset", "warm"));
            Assert.Equal(0f, Get(parameters, "/master/ab"));
            foreach (var (path, value) in MasteringPresets.Values("warm"))
                Assert.Equal(parameters.Table[parameters.Table.IndexOf(path)].Spec.SnapReal(value), Get(parameters, path));
            Answered("/master/preset", "nosuch", 0, Send(commands, "/master/preset", "nosuch"));

            var (_, names) = Send(commands, "/master/preset/list");
            Assert.Equal([.. MasteringPresets.Names, "mine"], names.Cast<string>());
        }

        // Offline, with the console stopped: master --preset finds it in the store.
        var (code, stdout, stderr) = CliRun.Run("master", mix, "-o", signals.Path("m.wav"), "--preset", "mine", "--state", dir);
        Assert.True(code == 0, stderr);
        Assert.Contains("preset mine", stdout);
        var (unknown, _, unknownErr) = CliRun.Run("master", mix, "-o", signals.Path("n.wav"), "--preset", "nosuch", "--state", dir);
        Assert.NotEqual(0, unknown);
        Assert.Contains("unknown preset 'nosuch'", unknownErr);

        // The rack box starts on it too: serve --preset finds a user preset in its store and plays it on A.
        using (var serve = ServeProcess.Start(dir, "--mode", "mastering", "--preset", "mine"))
        using (var client = new OscTestClient(serve.Port))
        {
            client.Send("/master/eq/1/g");
            float wire = Assert.IsType<float>(Assert.Single(client.WaitFor("/master/eq/1/g", TimeSpan.FromSeconds(30))!));
            Assert.Equal(5f, parameters.Table[parameters.Table.IndexOf("/master/eq/1/g")].Spec.FromNormalized(wire));
            client.Send("/master/sat/on");
            Assert.Equal(1, Assert.IsType<int>(Assert.Single(client.WaitFor("/master/sat/on", TimeSpan.FromSeconds(30))!)));
            Assert.Contains("preset mine", serve.Out);
            Assert.Equal(0, serve.Stop());
        }

        var (missing, _, missingErr) = CliRun.Run("serve", "--audio", "null", "--state", dir, "--mode", "mastering", "--preset", "nosuch",
            "--osc-port", "0", "--http-port", "0", "--duration", "1");
        Assert.NotEqual(0, missing);
        Assert.Contains("--preset 'nosuch' is neither a built-in preset", missingErr);
        Assert.Contains("saved there: mine", missingErr);
        var (noStore, _, noStoreErr) = CliRun.Run("serve", "--audio", "null", "--mode", "mastering", "--preset", "mine", "--osc-port", "0", "--duration", "1");
        Assert.NotEqual(0, noStore);
        Assert.Contains("user presets need --state DIR", noStoreErr);

        using (ConsoleStore store = ConsoleStore.Open(dir))
        {
            var commands = new MasterOscCommands(parameters, () => new MasterPresetStore(store), log.WriteLine);
            Answered("/master/preset/delete", "mine", 1, Send(commands, "/master/preset/delete", "mine"));
            Answered("/master/preset/delete", "mine", 0, Send(commands, "/master/preset/delete", "mine"));
        }
    }
}
