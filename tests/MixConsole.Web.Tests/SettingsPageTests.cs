using System.Net;
using Microsoft.Playwright;

namespace MixConsole.Web.Tests;

/// <summary>The settings page: where the console listens, its access rules and who is connected, live; for whom.</summary>
public sealed class SettingsPageTests(Browser browser) : IClassFixture<Browser>
{
    private const string Key = "monitor world 2026!";

    [Fact]
    public async Task ListsAnOscSubscriber_AndItself_AndDropsTheSubscriberWhenItLeaves()
    {
        using var serve = new ServeUnderTest("--audio", "null");
        using var osc = new OscClient(serve.OscPort);
        IDisposable remote = osc.StayRemote();
        IPage page = await browser.OpenLiveAsync(new Uri(serve.WebAddress, "/settings.html"));

        string subscriber = $"tr[data-kind='osc udp'][data-address='127.0.0.1:{osc.LocalPort}']";
        await page.WaitForSelectorAsync(subscriber);
        Assert.Contains("/xremote", await page.TextContentAsync(subscriber));
        Assert.Equal("false", await page.GetAttributeAsync(subscriber, "data-read-only"));
        string itself = "tr[data-kind='web page'][data-address^='127.0.0.1:'][data-page='/settings.html']";
        await page.WaitForSelectorAsync(itself);
        Assert.Equal("false", await page.GetAttributeAsync(itself, "data-read-only"));

        Assert.Equal(serve.OscPort.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.TextContentAsync("[data-setting=oscPort]"));
        Assert.Equal(serve.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.TextContentAsync("[data-setting=httpPort]"));
        Assert.Equal("127.0.0.1", await page.TextContentAsync("[data-setting=bind]"));
        await page.WaitForSelectorAsync($"#urls a[href='{serve.WebAddress}']");
        Assert.Contains("127.0.0.0/8", await page.TextContentAsync("[data-setting=allow]"));
        Assert.StartsWith("not set", await page.TextContentAsync("[data-setting=pairing]"));

        // A mixer page opened beside it shows up as one more page, and the subscriber's /unsubscribe takes it off.
        IPage mixer = await browser.OpenLiveAsync(serve.WebAddress);
        await page.WaitForSelectorAsync("tr[data-kind='web page'][data-page='/']");
        remote.Dispose();
        osc.Send("/unsubscribe");
        await page.WaitForSelectorAsync(subscriber, new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await page.WaitForSelectorAsync(itself);
        await mixer.Context.CloseAsync();
    }

    [Fact]
    public async Task WithAKey_ShowsNothingBeforeLogin_NeverTheKey_AndEverythingAfter()
    {
        using var signals = new MixConsole.Host.Tests.TestSignals();
        string keyFile = signals.Path("pair.key");
        await File.WriteAllTextAsync(keyFile, Key);
        using var serve = new ServeUnderTest("--audio", "null", "--pair-key", keyFile);
        using var osc = new OscClient(serve.OscPort);
        using IDisposable remote = osc.StayRemote();

        using (var http = new HttpClient())
        {
            HttpResponseMessage answer = await http.GetAsync(new Uri(serve.WebAddress, "/api/settings"));
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
            Assert.Empty(await answer.Content.ReadAsByteArrayAsync());
        }

        IPage page = await browser.OpenLiveAsync(new Uri(serve.WebAddress, "/settings.html"));
        await page.WaitForSelectorAsync("#locked:not([hidden])");
        foreach (string section in new[] { "#network", "#access", "#clients" })
        {
            Assert.True(await page.IsHiddenAsync(section), section);
        }

        string before = await page.ContentAsync();
        Assert.DoesNotContain(osc.LocalPort.ToString(System.Globalization.CultureInfo.InvariantCulture), before);
        Assert.DoesNotContain("127.0.0.0/8", before);

        await page.FillAsync("#login input", Key);
        await page.ClickAsync("#login button");
        await page.WaitForSelectorAsync("body[data-access='control'][data-state='live']");
        await page.WaitForSelectorAsync($"tr[data-kind='osc udp'][data-address='127.0.0.1:{osc.LocalPort}']");
        Assert.StartsWith("set", await page.TextContentAsync("[data-setting=pairing]"));
        // The OSC client never paired: in paired mode its changes are refused, and the list says so.
        Assert.Equal("true", await page.GetAttributeAsync($"tr[data-address='127.0.0.1:{osc.LocalPort}']", "data-read-only"));
        Assert.DoesNotContain(Key, await page.ContentAsync());
    }

    [Fact]
    public async Task AViewer_SeesTheReport_AsReadOnly_AndCanChangeNothing()
    {
        using var serve = new ServeUnderTest("--audio", "null");
        using var osc = new OscClient(serve.OscPort);
        IPage page = await browser.OpenLiveAsync(new Uri(serve.WebAddress, "/settings.html?view"));
        Assert.Equal("view", await page.GetAttributeAsync("body", "data-access"));

        string itself = "tr[data-kind='web page'][data-page='/settings.html']";
        await page.WaitForSelectorAsync(itself);
        Assert.Equal("true", await page.GetAttributeAsync(itself, "data-read-only"));
        Assert.Equal("read-only", await page.TextContentAsync("[data-setting=mode]"));
        Assert.Equal(0, await page.Locator("main input, main select, main button, main textarea, [role=slider], [role=switch]").CountAsync());

        // What the page's socket could still try is dropped: the fader keeps its value.
        float before = (float)osc.Query("/ch/01/mix/fader");
        double after = await ViewerSocket.SendThenQueryAsync<double>(page, "[['/ch/01/mix/fader', [['f', 0.25]]]]", "/ch/01/mix/fader");
        Assert.Equal(before, after, 5);
        Assert.Equal(before, (float)osc.Query("/ch/01/mix/fader"), 5);
    }
}
