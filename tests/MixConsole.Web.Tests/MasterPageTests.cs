using System.Globalization;
using Microsoft.Playwright;

namespace MixConsole.Web.Tests;

/// <summary>The master page: the chain's parameters both ways, like every other page, and the host's loudness readings.</summary>
public sealed class MasterPageTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task TheMasterChain_FollowsOsc_AndAKeyMoveReachesIt()
    {
        using var serve = new ServeUnderTest("--audio", "null");
        using var osc = new OscClient(serve.OscPort);
        IPage page = await browser.OpenLiveAsync(new Uri(serve.WebAddress, "/master.html"));

        osc.Set("/master/limiter/ceiling", 1f);
        await page.WaitForSelectorAsync("[role='slider'][data-path='/master/limiter/ceiling'][aria-valuenow='1'][aria-valuetext='+0.0 dBTP']");

        await page.FocusAsync("[data-path='/master/width']");
        await page.Keyboard.PressAsync("Home");
        Assert.Equal(0f, (float)osc.QueryUntil("/master/width", v => v is 0f));

        // Console mode starts with the chain bypassed; the switch turns it on.
        string? before = await page.GetAttributeAsync("[data-path='/master/bypass']", "aria-checked");
        await page.ClickAsync("[role='switch'][data-path='/master/bypass']");
        int expected = before == "true" ? 0 : 1;
        Assert.Equal(expected, osc.QueryUntil("/master/bypass", v => v is int i && i == expected));
    }

    // A steady sine through the mastering box: once the readings settle, the page shows what an OSC query of
    // /master/loudness answers, and the integrated value against the target set over OSC.
    [Fact]
    public async Task Loudness_ShowsTheHostsReadings_AndIntegratedAgainstTheTarget()
    {
        using var signals = new MixConsole.Host.Tests.TestSignals();
        string input = signals.Sine("sine.wav", 1000, -20, 300);
        using var serve = new ServeUnderTest("--audio", "wav", "--mode", "mastering", "--input", input);
        using var osc = new OscClient(serve.OscPort);
        IPage page = await browser.OpenLiveAsync(new Uri(serve.WebAddress, "/master.html"));
        osc.Set("/master/loudness/target", 28f / 48f); // -30 + 0.5 x 28 = -16.0 LUFS
        await page.WaitForSelectorAsync("[data-path='/master/loudness/target'][aria-valuetext='-16.0 LUFS']");
        await page.WaitForSelectorAsync("#loudness:not([hidden])");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        string seen;
        while (true)
        {
            object[] host = osc.QueryAll("/master/loudness");
            double integrated = await ReadingAsync(page, "integrated");
            double truePeak = await ReadingAsync(page, "true-peak");
            double againstTarget = await ReadingAsync(page, "against-target");
            seen = $"host {string.Join(" ", host)}; page integrated {integrated}, true peak {truePeak}, against target {againstTarget}";
            if (double.IsFinite(integrated) && Math.Abs(integrated - (float)host[2]) < 0.1 && Math.Abs(truePeak - (float)host[4]) < 0.1
                && Math.Abs(againstTarget - (integrated + 16)) < 1e-6)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, seen);
            await Task.Delay(200);
        }

        string text = (await page.TextContentAsync("[data-reading='against-target']"))!;
        Assert.EndsWith("LU (target -16.0 LUFS)", text, StringComparison.Ordinal);

        // A viewer has no reset button, and its socket's reset is dropped: the answer after it still has a reading.
        IPage viewer = await browser.OpenLiveAsync(new Uri(serve.WebAddress, "/master.html?view"));
        Assert.True(await viewer.IsHiddenAsync("#loudness-reset"));
        double afterReset = await ViewerSocket.SendThenQueryAsync<double>(viewer, "[['/master/loudness/reset', []]]", "/master/loudness", 2);
        Assert.True(double.IsFinite(afterReset), $"integrated after a viewer's reset: {afterReset}");
    }

    // The same sine on both sides, 20 dB under full scale, through the transparent chain: the page's chain meters read
    // the input's peak, the output's, no band reduction and a mono (fully correlated) output.
    [Fact]
    public async Task ChainMeters_ShowTheInputPeak_NoBandReduction_AndMonoCorrelation()
    {
        using var signals = new MixConsole.Host.Tests.TestSignals();
        string input = signals.Sine("sine.wav", 1000, -20, 300);
        using var serve = new ServeUnderTest("--audio", "wav", "--mode", "mastering", "--input", input);
        IPage page = await browser.OpenLiveAsync(new Uri(serve.WebAddress, "/master.html"));
        await page.WaitForSelectorAsync("#chain-meters:not([hidden])");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            double inLeft = await ReadingAsync(page, "input-left"), inRight = await ReadingAsync(page, "input-right");
            double outLeft = await ReadingAsync(page, "output-left"), correlation = await ReadingAsync(page, "correlation");
            double[] bands = [await ReadingAsync(page, "band-1"), await ReadingAsync(page, "band-2"), await ReadingAsync(page, "band-3"), await ReadingAsync(page, "band-4")];
            string seen = $"input {inLeft} / {inRight} dBFS, output {outLeft} dBFS, correlation {correlation}, bands {string.Join(" ", bands)}";
            if (Math.Abs(inLeft + 20) < 0.05 && Math.Abs(inRight + 20) < 0.05 && double.IsFinite(outLeft) && outLeft < 0
                && correlation > 0.99 && bands.All(b => b == 0))
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, seen);
            await Task.Delay(200);
        }

        Assert.EndsWith("dBFS", (await page.TextContentAsync("[data-reading='input-left']"))!, StringComparison.Ordinal);
        Assert.StartsWith("+", (await page.TextContentAsync("[data-reading='correlation']"))!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsoleMode_HasNoChainMeters()
    {
        using var serve = new ServeUnderTest("--audio", "null");
        IPage page = await browser.OpenLiveAsync(new Uri(serve.WebAddress, "/master.html"));
        // A meter frame has been drawn (main meters carry its level), and the console's frame has no chain section.
        await page.WaitForFunctionAsync("() => document.querySelector('.main-meters .meter').dataset.level !== undefined");
        Assert.True(await page.IsHiddenAsync("#chain-meters"));
    }

    private static async Task<double> ReadingAsync(IPage page, string name) =>
        double.Parse(await page.GetAttributeAsync($"[data-reading='{name}']", "data-value") ?? "NaN", CultureInfo.InvariantCulture);
}
