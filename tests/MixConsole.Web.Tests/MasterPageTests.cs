using Microsoft.Playwright;

namespace MixConsole.Web.Tests;

/// <summary>The master page: the chain's parameters both ways, like every other page.</summary>
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
}
