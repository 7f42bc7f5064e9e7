using System.Buffers.Binary;
using Microsoft.Playwright;
using MixConsole.Audio.Wav;

namespace MixConsole.Web.Tests;

/// <summary>
/// Every page at phone and desktop size, written to .test-results/screenshots (docs/screenshots holds a copy for the README):
/// each must be a PNG of the viewport's size taken once the page is live.
/// </summary>
public sealed class ScreenshotTests(Browser browser) : IClassFixture<Browser>, IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("mixconsole-web-shots-").FullName;

    public static TheoryData<string, int, int> Sizes => new() { { "phone", 390, 844 }, { "desktop", 1440, 900 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task EveryPage_IsPhotographed_WhenLive(string size, int width, int height)
    {
        // The mixer's meters move: eight channels of tones at falling levels, each swelling at its own pace.
        using var signals = new MixConsole.Host.Tests.TestSignals();
        string tones = signals.Write("tones.wav", 48_000, 8, 60, (c, i) => Math.Pow(10, (-4 - 4 * c) / 20.0)
            * (0.6 + 0.4 * Math.Sin(2 * Math.PI * i / (48_000 * (1 + 0.3 * c)))) * Math.Sin(2 * Math.PI * (110 << (c % 4)) * i / 48_000), WavSampleFormat.Pcm16);
        using var serve = new ServeUnderTest("--audio", "wav", "--input", tones, "--state", _state);
        using var osc = new OscClient(serve.OscPort);
        osc.Set("/ch/01/dyn/on", 1);
        osc.Set("/ch/01/dyn/thr", 0.5f);
        osc.Set("/ch/01/config/name", "Kick");
        osc.Set("/ch/02/config/name", "Snare");
        osc.Set("/ch/03/mix/fader", 0.5f);
        // The channel page with its curves at work: a kick's EQ, an expander and a compressor.
        foreach ((string path, double real) in new[] { ("/ch/01/eq/on", 1), ("/ch/01/eq/1/g", 4.5), ("/ch/01/eq/2/g", -6), ("/ch/01/eq/2/f", 400), ("/ch/01/eq/3/g", 3), ("/ch/01/eq/3/f", 4000),
            ("/ch/01/gate/on", 1), ("/ch/01/gate/mode", 1), ("/ch/01/gate/thr", -45), ("/ch/01/gate/range", 30),
            ("/ch/01/dyn/on", 1), ("/ch/01/dyn/thr", -24), ("/ch/01/dyn/ratio", 6), ("/ch/01/dyn/knee", 3), ("/ch/01/dyn/mgain", 4) }) // 4:1, 6 dB knee
        {
            ChannelDynamicsTests.SetReal(osc, path, real);
        }

        osc.Send("/save", "scene", 0, "Soundcheck", "all channels flat");
        osc.Send("/save", "scene", 1, "Set 1", "band in, vocals up");
        Assert.Equal("Set 1", osc.QueryUntil("/-show/showfile/scene/001/name", v => v is "Set 1"));
        osc.Send("/-action/goscene", 1);
        Assert.Equal(1, osc.QueryUntil("/-show/prepos/current", v => v is 1));
        using IDisposable remote = osc.StayRemote(); // a client for the settings page to list

        // The master page shows the mastering box's loudness only where the host measures it: a mastering serve with signal.
        using var mastering = new ServeUnderTest("--audio", "wav", "--mode", "mastering", "--input", signals.Sine("sine.wav", 1000, -20, 120));
        using var masteringOsc = new OscClient(mastering.OscPort);
        masteringOsc.Set("/master/comp/amount", 1f); // full compression: the middle band's reduction shows

        string folder = Path.Combine(RepositoryRoot(), ".test-results", "screenshots");
        Directory.CreateDirectory(folder);
        foreach (var (name, address) in new[] { ("mixer", "/"), ("channel", "/channel.html?ch=1"), ("master", "/master.html"), ("scenes", "/scenes.html"), ("settings", "/settings.html") })
        {
            IPage page = await browser.OpenLiveAsync(new Uri((name == "master" ? mastering : serve).WebAddress, address), width, height);
            if (name == "mixer")
            {
                await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-channel=\"1\"] [data-meter=compressor]').dataset.reductionDb) > 1");
            }

            if (name == "master")
            {
                await page.WaitForFunctionAsync("() => Number.isFinite(Number(document.querySelector('[data-reading=integrated]').dataset.value))");
                await page.WaitForFunctionAsync("() => Number(document.querySelector('#band-gr rect[data-band=\"2\"]')?.dataset.reductionDb) > 1 && document.querySelector('#width-curve').dataset.drawn");
            }

            if (name == "settings")
            {
                await page.WaitForSelectorAsync($"tr[data-kind='osc udp'][data-address='127.0.0.1:{osc.LocalPort}']");
                await page.WaitForSelectorAsync("tr[data-kind='web page'][data-page='/settings.html']");
            }

            string file = Path.Combine(folder, $"{name}-{size}.png");
            byte[] png = await page.ScreenshotAsync(new PageScreenshotOptions { Path = file });
            await page.Context.CloseAsync();

            Assert.True(png.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10 }), file);
            Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
            Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        }
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Console.sln"))) return dir.FullName;
        }

        throw new DirectoryNotFoundException("Console.sln above " + AppContext.BaseDirectory);
    }
}
