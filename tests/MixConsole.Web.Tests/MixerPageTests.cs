using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;
using Xunit.Abstractions;

namespace MixConsole.Web.Tests;

/// <summary>The mixer page in a real browser against a running console, checked through its access contract and over OSC.</summary>
public sealed class MixerPageTests(Browser browser, ITestOutputHelper output) : IClassFixture<Browser>
{
    private static readonly ParameterTable Table = ParameterTable.Create(ConsoleConfig.Default);

    [Fact]
    public async Task AnOscSet_ShowsOnThePage_Within200ms_WithTheTablesText()
    {
        using var serve = new ServeUnderTest("--audio", "null");
        using var osc = new OscClient(serve.OscPort);
        IPage page = await browser.OpenLiveAsync(serve.WebAddress);
        const string Path = "/ch/01/mix/fader";
        await WaitForValueAsync(page, Path, Wire(Path, 767));

        var latencies = new List<double>();
        foreach (int k in new[] { 300, 512, 640, 900, 1000, 100, 767 })
        {
            string expected = Wire(Path, k);
            var clock = Stopwatch.StartNew();
            osc.Set(Path, (float)k / 1023);
            await WaitForValueAsync(page, Path, expected);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            Assert.Equal(Text(Path, k), await page.GetAttributeAsync(Selector(Path), "aria-valuetext"));
        }

        latencies.Sort();
        double median = latencies[latencies.Count / 2];
        output.WriteLine($"OSC set to page: median {median:0.0} ms, worst {latencies[^1]:0.0} ms over {latencies.Count}");
        Assert.True(median < 200, $"median {median:0.0} ms");
    }

    [Fact]
    public async Task KeyboardAndDrag_OnThePage_ReachAnOscQuery()
    {
        using var serve = new ServeUnderTest("--audio", "null");
        using var osc = new OscClient(serve.OscPort);
        IPage page = await browser.OpenLiveAsync(serve.WebAddress);
        const string Fader = "/ch/02/mix/fader";
        await WaitForValueAsync(page, Fader, Wire(Fader, 767));

        await page.FocusAsync(Selector(Fader));
        foreach (string key in new[] { "ArrowUp", "ArrowUp", "ArrowUp", "PageDown" })
        {
            await page.Keyboard.PressAsync(key);
        }

        int expected = 767 + 3 - 51;
        Assert.Equal(Wire(Fader, expected), await page.GetAttributeAsync(Selector(Fader), "aria-valuenow"));
        Assert.Equal(Text(Fader, expected), await page.GetAttributeAsync(Selector(Fader), "aria-valuetext"));
        AssertAnswers(osc, Fader, expected / 1023f);
        await page.Keyboard.PressAsync("End");
        AssertAnswers(osc, Fader, 1f);
        await page.Keyboard.PressAsync("Home");
        AssertAnswers(osc, Fader, 0f);

        const string Pan = "/ch/03/mix/pan";
        ILocator pan = page.Locator(Selector(Pan));
        LocatorBoundingBoxResult box = (await pan.BoundingBoxAsync())!;
        float y = box.Y + box.Height / 2;
        await page.Mouse.MoveAsync(box.X + box.Width / 2, y);
        await page.Mouse.DownAsync();
        for (int step = 1; step <= 5; step++)
        {
            await page.Mouse.MoveAsync(box.X + box.Width / 2 + step * box.Width / 10, y);
        }

        await page.Mouse.UpAsync();
        float shown = float.Parse((await pan.GetAttributeAsync("aria-valuenow"))!, CultureInfo.InvariantCulture);
        Assert.True(shown > 0.5f, $"the drag right left pan at {shown}");
        AssertAnswers(osc, Pan, shown);
    }

    [Fact]
    public async Task TheMuteSwitch_Toggles_BothWays()
    {
        using var serve = new ServeUnderTest("--audio", "null");
        using var osc = new OscClient(serve.OscPort);
        IPage page = await browser.OpenLiveAsync(serve.WebAddress);
        const string On = "/ch/04/mix/on";
        string mute = $"[role='switch'][data-path='{On}']";
        await page.WaitForSelectorAsync($"{mute}[aria-checked='false']");

        await page.ClickAsync(mute);
        Assert.Equal("true", await page.GetAttributeAsync(mute, "aria-checked"));
        Assert.Equal(0, osc.QueryUntil(On, v => v is 0));

        await page.ClickAsync(mute);
        Assert.Equal(1, osc.QueryUntil(On, v => v is 1));

        osc.Set(On, 0);
        await page.WaitForSelectorAsync($"{mute}[aria-checked='true']");
    }

    [Fact]
    public async Task Meters_MoveWithSignal_AndStayStillInSilence()
    {
        using var signals = new MixConsole.Host.Tests.TestSignals();
        // Channel 1: a 1 kHz tone whose level swells and falls every second; channel 2: digital silence.
        string input = signals.Write("two.wav", 48_000, 2, 60, (c, i) => c == 1 ? 0 : (0.3 + 0.2 * Math.Sin(2 * Math.PI * i / 48_000.0)) * Math.Sin(2 * Math.PI * 1000 * i / 48_000.0));
        using var serve = new ServeUnderTest("--audio", "wav", "--input", input);
        IPage page = await browser.OpenLiveAsync(serve.WebAddress);
        await page.WaitForFunctionAsync("() => Number(document.body.dataset.meterFrames) > 10");

        var toned = new HashSet<string>();
        for (int sample = 0; sample < 30; sample++)
        {
            string level1 = (await page.GetAttributeAsync("[data-channel='1'] [data-meter='level']", "data-peak-db"))!;
            string level2 = (await page.GetAttributeAsync("[data-channel='2'] [data-meter='level']", "data-peak-db"))!;
            Assert.True(double.Parse(level1, CultureInfo.InvariantCulture) > -26, $"channel 1 meter at {level1} dBFS");
            Assert.Equal("-inf", level2);
            toned.Add(level1);
            await Task.Delay(60);
        }

        output.WriteLine($"channel 1 showed {toned.Count} different levels in 30 looks");
        Assert.True(toned.Count >= 3, $"channel 1's meter stood still: {string.Join(", ", toned)}");
    }

    // Touch: two taps in place (the page's clock held, so both fall inside the window) return a fader to its
    // default; taps a second apart do not; with Fine on, a drag moves a tenth as far.
    [Fact]
    public async Task DoubleTap_ReturnsToTheDefault_AndFineModeDragsATenthAsFar()
    {
        using var serve = new ServeUnderTest("--audio", "null");
        using var osc = new OscClient(serve.OscPort);
        const string Fader = "/ch/02/mix/fader";
        osc.Set(Fader, 200f / 1023);
        IBrowserContext context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions { HasTouch = true, ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        IPage page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        await page.Clock.InstallAsync();
        await page.GotoAsync(serve.WebAddress.ToString());
        await page.Clock.RunForAsync(1000);
        await page.WaitForSelectorAsync("body[data-state='live']");
        await WaitForValueAsync(page, Fader, Wire(Fader, 200));
        await page.Clock.PauseAtAsync(DateTime.Now.AddSeconds(5));
        LocatorBoundingBoxResult box = (await page.Locator(Selector(Fader)).BoundingBoxAsync())!;
        float x = box.X + box.Width / 2, y = box.Y + box.Height / 2;

        await page.Touchscreen.TapAsync(x, y);
        await page.Clock.RunForAsync(1000);
        await page.Touchscreen.TapAsync(x, y);
        Assert.Equal(Wire(Fader, 200), await page.GetAttributeAsync(Selector(Fader), "aria-valuenow"));
        await page.Touchscreen.TapAsync(x, y);
        await page.Clock.RunForAsync(100);
        Assert.Equal(Wire(Fader, 767), await page.GetAttributeAsync(Selector(Fader), "aria-valuenow"));
        AssertAnswers(osc, Fader, 767f / 1023);

        osc.Set(Fader, 200f / 1023);
        await WaitForValueAsync(page, Fader, Wire(Fader, 200));
        await page.ClickAsync("#fine");
        Assert.Equal("true", await page.GetAttributeAsync("#fine", "aria-pressed"));
        await page.Mouse.MoveAsync(x, y);
        await page.Mouse.DownAsync();
        for (int step = 1; step <= 4; step++)
        {
            await page.Mouse.MoveAsync(x, y - step * box.Height / 16); // a quarter of the travel upwards
        }

        await page.Mouse.UpAsync();
        await page.Clock.RunForAsync(100);
        int moved = (int)Math.Round(float.Parse((await page.GetAttributeAsync(Selector(Fader), "aria-valuenow"))!, CultureInfo.InvariantCulture) * 1023) - 200;
        Assert.InRange(moved, 20, 31); // a quarter of 1022 steps is 255; a tenth of it 26
        AssertAnswers(osc, Fader, (200f + moved) / 1023);
    }

    [Fact]
    public async Task StripColour_FollowsOsc_AndAChoiceOnThePageReachesIt()
    {
        using var serve = new ServeUnderTest("--audio", "null");
        using var osc = new OscClient(serve.OscPort);
        IPage page = await browser.OpenLiveAsync(serve.WebAddress);

        osc.Set("/ch/02/config/color", 1);
        await page.WaitForSelectorAsync("section.strip[data-channel='2'][data-colour='RD']:not(.inverted)");
        Assert.Equal("1", await page.InputValueAsync("select[data-path='/ch/02/config/color']"));
        Assert.Equal("rgb(224, 72, 72)", await page.EvalOnSelectorAsync<string>("section.strip[data-channel='2']", "el => getComputedStyle(el).borderTopColor"));

        await page.SelectOptionAsync("select[aria-label='Channel 3 colour']", "12");
        Assert.Equal(12, osc.QueryUntil("/ch/03/config/color", v => v is 12));
        await page.WaitForSelectorAsync("section.strip[data-channel='3'][data-colour='BLi'].inverted");
    }

    internal static string Selector(string path) => $"[data-path='{path}']";

    // aria-valuenow as the page writes it: the wire value rounded to 6 decimals.
    private static string Wire(string path, int k)
    {
        ParameterSpec spec = Table[Table.IndexOf(path)].Spec;
        return (Math.Round((double)k / (spec.StepCount - 1), 6)).ToString(CultureInfo.InvariantCulture);
    }

    private static string Text(string path, int k)
    {
        ParameterSpec spec = Table[Table.IndexOf(path)].Spec;
        return ParameterFormatter.Format(spec, spec.RealAt(k));
    }

    private static async Task WaitForValueAsync(IPage page, string path, string wire) =>
        await page.WaitForFunctionAsync(
            "([path, wire]) => document.querySelector(`[data-path='${path}']`)?.getAttribute('aria-valuenow') === wire",
            new object[] { path, wire },
            new PageWaitForFunctionOptions { PollingInterval = 2 });

    internal static void AssertAnswers(OscClient osc, string path, float expected)
    {
        object answer = osc.QueryUntil(path, v => v is float f && Math.Abs(f - expected) < 1e-5f);
        Assert.Equal(expected, (float)answer, 5);
    }
}
