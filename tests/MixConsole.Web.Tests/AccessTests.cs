using System.Net.WebSockets;
using Microsoft.Playwright;
using MixConsole.Control.Tests.Server;

namespace MixConsole.Web.Tests;

/// <summary>With a pairing key nothing changes before login; viewers watch and change nothing.</summary>
public sealed class AccessTests(Browser browser) : IClassFixture<Browser>
{
    private const string Key = "front of house 2026!";
    private const string Fader = "/ch/01/mix/fader";
    private static readonly float Unity = 767f / 1023;

    [Fact]
    public async Task WithAKey_NoControlWorksBeforeLogin_ThenTheSessionCookieLetsThemThrough()
    {
        using var signals = new MixConsole.Host.Tests.TestSignals();
        string keyFile = signals.Path("pair.key");
        await File.WriteAllTextAsync(keyFile, Key);
        using var serve = new ServeUnderTest("--audio", "null", "--pair-key", keyFile);
        using var osc = new OscClient(serve.OscPort);
        IPage page = await browser.OpenLiveAsync(serve.WebAddress);
        Assert.Equal("view", await page.GetAttributeAsync("body", "data-access"));

        // The page's controls do nothing, and a socket that skips the page is refused by the OSC rules.
        await page.FocusAsync(MixerPageTests.Selector(Fader));
        await page.Keyboard.PressAsync("End");
        await page.ClickAsync("[role='switch'][data-path='/ch/01/mix/on']", new PageClickOptions { Force = true }); // it is aria-disabled
        using (var socket = new ClientWebSocket())
        {
            socket.Options.SetRequestHeader("Origin", serve.WebAddress.GetLeftPart(UriPartial.Authority));
            await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{serve.HttpPort}/ws"), CancellationToken.None);
            await socket.SendAsync(Osc.Message(Fader, 1f), WebSocketMessageType.Binary, true, CancellationToken.None);
            await socket.SendAsync(Osc.Message("/info"), WebSocketMessageType.Binary, true, CancellationToken.None);
            var answer = new byte[4096];
            await socket.ReceiveAsync(answer, CancellationToken.None); // /info answered: the set before it was dealt with
        }

        Assert.Equal(Unity, (float)osc.Query(Fader), 5);
        Assert.Equal(1, osc.Query("/ch/01/mix/on"));

        await page.FillAsync("#login input", "not the key at all");
        await page.ClickAsync("#login button");
        await page.WaitForSelectorAsync("#login [role=alert]:text('wrong key')");

        await page.FillAsync("#login input", Key);
        await page.ClickAsync("#login button");
        await page.WaitForSelectorAsync("body[data-access='control'][data-state='live']");
        BrowserContextCookiesResult cookie = Assert.Single(await page.Context.CookiesAsync());
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);

        await page.FocusAsync(MixerPageTests.Selector(Fader));
        await page.Keyboard.PressAsync("End");
        Assert.Equal(1f, (float)osc.QueryUntil(Fader, v => v is 1f));
    }

    [Fact]
    public async Task AViewer_SeesChanges_AndChangesNothing()
    {
        using var serve = new ServeUnderTest("--audio", "null");
        using var osc = new OscClient(serve.OscPort);
        IPage page = await browser.OpenLiveAsync(new Uri(serve.WebAddress, "/?view"));
        Assert.Equal("view", await page.GetAttributeAsync("body", "data-access"));

        await page.FocusAsync(MixerPageTests.Selector(Fader));
        await page.Keyboard.PressAsync("Home");
        osc.Set("/ch/01/mix/pan", 0f);
        await page.WaitForSelectorAsync("[data-path='/ch/01/mix/pan'][aria-valuenow='0']");
        Assert.Equal(Unity, (float)osc.Query(Fader), 5);
    }
}
