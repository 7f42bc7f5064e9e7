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

    private static async Task<double> ReadingAsync(IPage page, string name) =>
        double.Parse(await page.GetAttributeAsync($"[data-reading='{name}']", "data-value") ?? "NaN", CultureInfo.InvariantCulture);
}
