using Microsoft.Playwright;

namespace MixConsole.Web.Tests;

/// <summary>The scenes page drives the console's own OSC scene commands: what it does, an OSC client sees, and back.</summary>
public sealed class ScenesPageTests(Browser browser) : IClassFixture<Browser>, IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("mixconsole-web-scenes-").FullName;

    [Fact]
    public async Task SaveRenameAndDelete_OnThePage_ShowInAnOscQuery()
    {
        using var serve = new ServeUnderTest("--audio", "null", "--state", _state);
        using var osc = new OscClient(serve.OscPort);
        IPage page = await browser.OpenLiveAsync(new Uri(serve.WebAddress, "/scenes.html"));
        const string Name = "/-show/showfile/scene/007/name";

        await page.FillAsync("[aria-label='Scene 7 name']", "Verse");
        await page.FillAsync("[aria-label='Scene 7 notes']", "band in");
        await page.ClickAsync("[aria-label='Save scene 7']");
        Assert.Equal("Verse", osc.QueryUntil(Name, v => v is "Verse"));
        Assert.Equal("band in", osc.Query("/-show/showfile/scene/007/notes"));

        await page.WaitForSelectorAsync("tr[data-slot='7'][data-saved='true']");
        await page.FillAsync("[aria-label='Scene 7 name']", "Chorus");
        await page.PressAsync("[aria-label='Scene 7 name']", "Tab");
        Assert.Equal("Chorus", osc.QueryUntil(Name, v => v is "Chorus"));

        await page.ClickAsync("[aria-label='Delete scene 7']");
        Assert.Equal("", osc.QueryUntil(Name, v => v is ""));
        await page.WaitForSelectorAsync("tr[data-slot='7'][data-saved='false']");
    }

    [Fact]
    public async Task ASceneSavedOverOsc_ShowsOnThePage_AndARecallThereMovesTheFader()
    {
        using var serve = new ServeUnderTest("--audio", "null", "--state", _state);
        using var osc = new OscClient(serve.OscPort);
        IPage page = await browser.OpenLiveAsync(new Uri(serve.WebAddress, "/scenes.html"));
        const string Fader = "/ch/01/mix/fader";

        osc.Set(Fader, 0.25f);
        Assert.True(IsNear(osc.QueryUntil(Fader, v => IsNear(v, 0.25f)), 0.25f));
        osc.Send("/save", "scene", 3, "Quiet", "fader down");
        Assert.Equal("Quiet", osc.QueryUntil("/-show/showfile/scene/003/name", v => v is "Quiet"));
        await page.WaitForFunctionAsync(
            "() => document.querySelector(\"[aria-label='Scene 3 name']\").value === 'Quiet' && document.querySelector(\"[aria-label='Scene 3 notes']\").value === 'fader down'");

        osc.Set(Fader, 0.9f);
        Assert.True(IsNear(osc.QueryUntil(Fader, v => IsNear(v, 0.9f)), 0.9f));
        await page.ClickAsync("[aria-label='Recall scene 3']");
        Assert.True(IsNear(osc.QueryUntil(Fader, v => IsNear(v, 0.25f)), 0.25f));
        Assert.Equal(3, osc.QueryUntil("/-show/prepos/current", v => v is 3));
        await page.WaitForSelectorAsync("tr[data-slot='3'][aria-current='true']");
        Assert.Equal("3", await page.TextContentAsync("#current"));
    }

    [Fact]
    public async Task AViewer_CanNeitherSaveNorRecallNorUndo()
    {
        using var serve = new ServeUnderTest("--audio", "null", "--state", _state);
        using var osc = new OscClient(serve.OscPort);
        const string Fader = "/ch/01/mix/fader";
        osc.Set(Fader, 0.25f);
        Assert.True(IsNear(osc.QueryUntil(Fader, v => IsNear(v, 0.25f)), 0.25f));
        osc.Send("/save", "scene", 2, "Low", "");
        Assert.Equal("Low", osc.QueryUntil("/-show/showfile/scene/002/name", v => v is "Low"));
        osc.Set(Fader, 0.9f);
        Assert.True(IsNear(osc.QueryUntil(Fader, v => IsNear(v, 0.9f)), 0.9f));
        osc.Send("/-action/goscene", 2);
        Assert.True(IsNear(osc.QueryUntil(Fader, v => IsNear(v, 0.25f)), 0.25f));

        IPage page = await browser.OpenLiveAsync(new Uri(serve.WebAddress, "/scenes.html?view"));
        Assert.True(await page.IsDisabledAsync("[aria-label='Recall scene 2']"));
        Assert.True(await page.IsDisabledAsync("#undo"));

        // A viewer's socket that sends the commands anyway: each is dropped; the query after them is answered in order.
        string answered = await ViewerSocket.SendThenQueryAsync<string>(page, """
            [['/-action/undoscene', []], ['/-action/goscene', [['i', 2]]], ['/save', [['s', 'scene'], ['i', 5], ['s', 'Viewer'], ['s', '']]]]
            """, "/-show/showfile/scene/005/name");

        Assert.Equal("", answered);
        Assert.True(IsNear(osc.Query(Fader), 0.25f));
        Assert.Equal("", osc.Query("/-show/showfile/scene/005/name"));
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);

    // Faders travel as k/1023: a set comes back on the nearest grid point.
    private static bool IsNear(object value, float expected) => value is float f && Math.Abs(f - expected) <= 1f / 1023;
}
