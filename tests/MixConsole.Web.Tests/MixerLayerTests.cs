using System.Globalization;
using Microsoft.Playwright;
using static MixConsole.Web.Tests.MixerPageTests;

namespace MixConsole.Web.Tests;

/// <summary>The mixer page's bus, effect return, DCA and main layers and sends on fader, checked through the access contract and over OSC.</summary>
public sealed class MixerLayerTests(Browser browser) : IClassFixture<Browser>
{
    private const float Unity = 767f / 1023;

    [Fact]
    public async Task ABusFaderMove_OnTheBusLayer_ReachesAnOscQuery_AndDcaAndMainHaveTheirStrips()
    {
        using var serve = new ServeUnderTest("--audio", "null");
        using var osc = new OscClient(serve.OscPort);
        IPage page = await browser.OpenLiveAsync(serve.WebAddress);
        const string Fader = "/bus/02/mix/fader";
        Assert.False(await page.IsVisibleAsync(Slider(Fader)));

        await page.ClickAsync("#layers button[data-layer='bus']");
        Assert.True(await page.IsVisibleAsync(Slider(Fader)));
        Assert.False(await page.IsVisibleAsync(Slider("/ch/02/mix/fader")));
        await page.FocusAsync(Slider(Fader));
        await page.Keyboard.PressAsync("End");
        AssertAnswers(osc, Fader, 1f);
        await page.Keyboard.PressAsync("PageDown");
        AssertAnswers(osc, Fader, (1023f - 51) / 1023);

        await page.ClickAsync("section.strip[data-bus='3'] [role='switch'][data-path='/bus/03/mix/on']");
        Assert.Equal(0, osc.QueryUntil("/bus/03/mix/on", v => v is 0));
        await page.ClickAsync("section.strip[data-bus='3'] [role='switch'][data-path='/-stat/solosw/51']");
        Assert.Equal(1, osc.QueryUntil("/-stat/solosw/51", v => v is 1));
        osc.Set("/bus/04/mix/pan", 0.25f);
        await page.WaitForSelectorAsync("[role='slider'][data-path='/bus/04/mix/pan'][aria-valuenow='0.25']");

        await page.ClickAsync("#layers button[data-layer='fxrtn']");
        await page.FocusAsync(Slider("/fxrtn/03/mix/fader"));
        await page.Keyboard.PressAsync("End");
        AssertAnswers(osc, "/fxrtn/03/mix/fader", 1f);
        // Solo is the X32's switch of the strip: effect return 8 is 48, bus 3 is 51, DCA 2 is 74.
        await page.ClickAsync("section.strip[data-fxrtn='8'] [role='switch'][data-path='/-stat/solosw/48']");
        Assert.Equal(1, osc.QueryUntil("/-stat/solosw/48", v => v is 1));

        await page.ClickAsync("#layers button[data-layer='dca']");
        await page.FocusAsync(Slider("/dca/1/fader"));
        await page.Keyboard.PressAsync("Home");
        AssertAnswers(osc, "/dca/1/fader", 0f);
        await page.ClickAsync("[role='switch'][data-path='/-stat/solosw/74']");
        Assert.Equal(1, osc.QueryUntil("/-stat/solosw/74", v => v is 1));
        osc.Set("/dca/2/config/name", "Drums");
        await page.WaitForFunctionAsync("() => document.querySelector(\"[data-path='/dca/2/config/name']\").value === 'Drums'");

        await page.ClickAsync("#layers button[data-layer='main']");
        await page.ClickAsync("[role='switch'][data-path='/main/st/mix/on']");
        Assert.Equal(0, osc.QueryUntil("/main/st/mix/on", v => v is 0));
        await page.FocusAsync(Slider("/main/st/mix/fader"));
        await page.Keyboard.PressAsync("ArrowDown");
        AssertAnswers(osc, "/main/st/mix/fader", Unity - 1f / 1023);
    }

    [Fact]
    public async Task TheStripCounts_ComeFromTheConsolesTable()
    {
        using var serve = new ServeUnderTest("--audio", "null", "--profile", "pi4-cs42448");
        IPage page = await browser.OpenLiveAsync(serve.WebAddress);
        Assert.Equal(6, await page.Locator("section.strip[data-layer='ch']").CountAsync());
        Assert.Equal(4, await page.Locator("section.strip[data-layer='bus']").CountAsync());
        Assert.Equal(4, await page.Locator("section.strip[data-layer='fxrtn']").CountAsync());
        Assert.Equal(8, await page.Locator("section.strip[data-layer='dca']").CountAsync());
        Assert.Equal(1, await page.Locator("section.strip[data-layer='main']").CountAsync());
        Assert.Equal(4, await page.Locator("#sends option:not([value='0'])").CountAsync());
        Assert.Equal(0, await page.Locator("[data-path^='/bus/05']").CountAsync());
    }

    [Fact]
    public async Task SendsOnFader_ForBus3_MovesTheSend_NotTheChannelFader_AndFlipsBack()
    {
        using var serve = new ServeUnderTest("--audio", "null");
        using var osc = new OscClient(serve.OscPort);
        osc.Set("/ch/05/mix/03/level", 256f / 1023);
        IPage page = await browser.OpenLiveAsync(serve.WebAddress);
        const string Send = "/ch/02/mix/03/level";
        Assert.Equal(0, await page.Locator(Slider(Send)).CountAsync());

        await page.SelectOptionAsync("#sends", "3");
        Assert.Equal("3", await page.GetAttributeAsync("body", "data-sends"));
        Assert.True(await page.IsVisibleAsync(Slider(Send)));
        Assert.False(await page.IsVisibleAsync(Slider("/ch/02/mix/fader")));
        Assert.Equal("rgb(242, 194, 48)", await page.EvalOnSelectorAsync<string>($"{Slider(Send)} .thumb", "el => getComputedStyle(el).backgroundColor"));
        await page.WaitForSelectorAsync($"[role='slider'][data-path='/ch/05/mix/03/level'][aria-valuenow='{Math.Round(256 / 1023.0, 6).ToString(CultureInfo.InvariantCulture)}']");

        Assert.Equal(0f, (float)osc.Query(Send), 5);
        await page.FocusAsync(Slider(Send));
        await page.Keyboard.PressAsync("End");
        AssertAnswers(osc, Send, 1f);
        Assert.Equal(Unity, (float)osc.Query("/ch/02/mix/fader"), 5);
        Assert.Equal(0f, (float)osc.Query("/ch/02/mix/04/level"), 5);

        string on = "[role='switch'][data-path='/ch/02/mix/03/on']";
        string was = (await page.GetAttributeAsync(on, "aria-checked"))!;
        await page.ClickAsync(on);
        int expected = was == "true" ? 0 : 1;
        Assert.Equal(expected, osc.QueryUntil("/ch/02/mix/03/on", v => v is int i && i == expected));
        Assert.Equal(1, osc.Query("/ch/02/mix/on"));

        await page.SelectOptionAsync("#sends", "0");
        Assert.Null(await page.GetAttributeAsync("body", "data-sends"));
        Assert.True(await page.IsVisibleAsync(Slider("/ch/02/mix/fader")));
        Assert.True(await page.IsVisibleAsync("[role='switch'][data-path='/ch/02/mix/on']"));
        Assert.Equal(0, await page.Locator($"#strips {Slider(Send)}").CountAsync());
        await page.FocusAsync(Slider("/ch/02/mix/fader"));
        await page.Keyboard.PressAsync("Home");
        AssertAnswers(osc, "/ch/02/mix/fader", 0f);
        Assert.Equal(1f, (float)osc.Query(Send), 5);
    }

    [Fact]
    public async Task AnOscChangeToASend_ShowsOnThePage_InSendsOnFaderMode()
    {
        using var serve = new ServeUnderTest("--audio", "null");
        using var osc = new OscClient(serve.OscPort);
        IPage page = await browser.OpenLiveAsync(serve.WebAddress);
        await page.SelectOptionAsync("#sends", "3");
        const string Send = "/ch/02/mix/03/level";
        await page.WaitForSelectorAsync(Slider(Send));

        foreach (int k in new[] { 256, 900, 511 })
        {
            string wire = Math.Round(k / 1023.0, 6).ToString(CultureInfo.InvariantCulture);
            osc.Set(Send, k / 1023f);
            await page.WaitForSelectorAsync($"{Slider(Send)}[aria-valuenow='{wire}']");
        }

        osc.Set("/ch/02/mix/03/on", 0);
        await page.WaitForSelectorAsync("[role='switch'][data-path='/ch/02/mix/03/on'][aria-checked='false']");
        osc.Set("/ch/02/mix/03/on", 1);
        await page.WaitForSelectorAsync("[role='switch'][data-path='/ch/02/mix/03/on'][aria-checked='true']");
    }

    private static string Slider(string path) => $"[role='slider'][data-path='{path}']";
}
