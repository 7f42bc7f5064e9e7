using System.Globalization;
using Microsoft.Playwright;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;
using Xunit.Abstractions;

namespace MixConsole.Web.Tests;

/// <summary>The EQ curve's band handles: a drag reaches the console on the curve's own axes; a change from OSC moves the handle.</summary>
public sealed class ChannelEqHandleTests(Browser browser, ITestOutputHelper output) : IClassFixture<Browser>
{
    private const string Frequency = "/ch/01/eq/2/f", Gain = "/ch/01/eq/2/g";
    private static readonly ParameterTable Table = ParameterTable.Create(ConsoleConfig.Default);

    [Fact]
    public async Task DraggingTheBand2Handle_MovesItsFrequencyAndGain_AlongTheCurvesAxes_AndOscMovesTheHandle()
    {
        using var serve = new ServeUnderTest("--audio", "null");
        using var osc = new OscClient(serve.OscPort);
        ChannelDynamicsTests.SetReal(osc, Frequency, 500);
        ChannelDynamicsTests.SetReal(osc, Gain, -3);
        double startHz = Real(Frequency, osc.QueryUntil(Frequency, v => Math.Abs(Real(Frequency, v) - 500) < 20));
        double startDb = Real(Gain, osc.QueryUntil(Gain, v => Real(Gain, v) == -3));
        IPage page = await browser.OpenLiveAsync(new Uri(serve.WebAddress, "/channel.html?ch=1"));
        ILocator svg = page.Locator("#eq-curve"), handle = page.Locator(".eq-handle[data-band='2']");
        (double minHz, double maxHz, double minDb, double maxDb) = (await Scale(svg, "data-min-hz"), await Scale(svg, "data-max-hz"), await Scale(svg, "data-min-db"), await Scale(svg, "data-max-db"));
        double X(double hz) => Math.Log(hz / minHz) / Math.Log(maxHz / minHz);
        double Y(double db) => (maxDb - db) / (maxDb - minDb);
        await WaitForHandleAsync(page, Y(startDb));

        // The handle sits where the curve's axes put its band's values.
        LocatorBoundingBoxResult area = (await svg.BoundingBoxAsync())!, box = (await handle.BoundingBoxAsync())!;
        float x0 = box.X + box.Width / 2, y0 = box.Y + box.Height / 2;
        Assert.InRange(x0 - (area.X + X(startHz) * area.Width), -1.5, 1.5);
        Assert.InRange(y0 - (area.Y + Y(startDb) * area.Height), -1.5, 1.5);

        // Right by a fifth of the width (a fifth of the three decades, x3.98), up by a quarter of the height (+9 dB).
        float dx = area.Width / 5, dy = -area.Height / 4;
        await page.Mouse.MoveAsync(x0, y0);
        await page.Mouse.DownAsync();
        for (int step = 1; step <= 8; step++)
        {
            await page.Mouse.MoveAsync(x0 + dx * step / 8, y0 + dy * step / 8);
        }

        await page.Mouse.UpAsync();
        double wantHz = minHz * Math.Pow(maxHz / minHz, X(startHz) + dx / area.Width);
        double wantDb = maxDb - (Y(startDb) + dy / area.Height) * (maxDb - minDb);
        // The drag's moves travel coalesced: wait for the last (a query may still read one from the way there).
        double hz = Real(Frequency, osc.QueryUntil(Frequency, v => Math.Abs(X(Real(Frequency, v)) - X(wantHz)) <= 1.0 / 200));
        double db = Real(Gain, osc.QueryUntil(Gain, v => Math.Abs(Real(Gain, v) - wantDb) <= 0.25));
        output.WriteLine($"dragged ({dx:0.0}, {dy:0.0}) px: {startHz:0} Hz {startDb:0.00} dB -> {hz:0} Hz {db:0.00} dB (axes say {wantHz:0} Hz {wantDb:0.00} dB)");
        // Within a grid step of where the axes put the pointer: 1/200 of the log span for Hz, 0.25 dB for gain.
        Assert.InRange(Math.Abs(X(hz) - X(wantHz)), 0, 1.0 / 200);
        Assert.InRange(Math.Abs(db - wantDb), 0, 0.25);

        // The wheel over the handle steps Q: up narrows (Q's grid runs from 10 down to 0.3), down widens.
        const string Q = "/ch/01/eq/2/q";
        double startQ = Real(Q, osc.Query(Q));
        box = (await handle.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.Mouse.WheelAsync(0, -100);
        Assert.True(Real(Q, osc.QueryUntil(Q, v => Real(Q, v) > startQ)) > startQ, "the wheel did not narrow the band");
        await page.Mouse.WheelAsync(0, 100);
        Assert.Equal(startQ, Real(Q, osc.QueryUntil(Q, v => Real(Q, v) == startQ)));

        // A gain change from OSC moves the handle.
        ChannelDynamicsTests.SetReal(osc, Gain, -12);
        await WaitForHandleAsync(page, Y(-12));
        box = (await handle.BoundingBoxAsync())!;
        Assert.InRange(box.Y + box.Height / 2 - (area.Y + Y(-12) * area.Height), -1.5, 1.5);
    }

    private static async Task<double> Scale(ILocator svg, string name) => double.Parse((await svg.GetAttributeAsync(name))!, CultureInfo.InvariantCulture);

    private static async Task WaitForHandleAsync(IPage page, double y) =>
        await page.WaitForFunctionAsync("y => Math.abs(Number(document.querySelector(\".eq-handle[data-band='2']\")?.dataset.y) - y) < 1e-4", y);

    // A query's answer as the parameter's real value.
    private static double Real(string path, object wire)
    {
        ParameterSpec spec = Table[Table.IndexOf(path)].Spec;
        int k = wire is float f ? (int)Math.Round(f * (spec.StepCount - 1)) : (int)wire;
        return spec.RealAt(k);
    }
}
