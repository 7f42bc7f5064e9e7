using System.Buffers.Binary;
using Microsoft.Playwright;

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
        using var serve = new ServeUnderTest("--audio", "null", "--state", _state);
        using var osc = new OscClient(serve.OscPort);
        osc.Set("/ch/01/config/name", "Kick");
        osc.Set("/ch/02/config/name", "Snare");
        osc.Set("/ch/03/mix/fader", 0.5f);
        osc.Send("/save", "scene", 0, "Soundcheck", "all channels flat");
        osc.Send("/save", "scene", 1, "Set 1", "band in, vocals up");
        Assert.Equal("Set 1", osc.QueryUntil("/-show/showfile/scene/001/name", v => v is "Set 1"));
        osc.Send("/-action/goscene", 1);
        Assert.Equal(1, osc.QueryUntil("/-show/prepos/current", v => v is 1));
        using IDisposable remote = osc.StayRemote(); // a client for the settings page to list

        // The master page shows the mastering box's loudness only where the host measures it: a mastering serve with signal.
        using var signals = new MixConsole.Host.Tests.TestSignals();
        using var mastering = new ServeUnderTest("--audio", "wav", "--mode", "mastering", "--input", signals.Sine("sine.wav", 1000, -20, 120));
        using var masteringOsc = new OscClient(mastering.OscPort);
        masteringOsc.Set("/master/comp/amount", 1f); // full compression: the middle band's reduction shows

        string folder = Path.Combine(RepositoryRoot(), ".test-results", "screenshots");
        Directory.CreateDirectory(folder);
        foreach (var (name, address) in new[] { ("mixer", "/"), ("channel", "/channel.html?ch=1"), ("master", "/master.html"), ("scenes", "/scenes.html"), ("settings", "/settings.html") })
        {
            IPage page = await browser.OpenLiveAsync(new Uri((name == "master" ? mastering : serve).WebAddress, address), width, height);
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
