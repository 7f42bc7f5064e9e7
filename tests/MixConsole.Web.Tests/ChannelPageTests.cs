using System.Globalization;
using Microsoft.Playwright;
using MixConsole.Dsp.Filters;
using MixConsole.Engine.Compiler;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;
using Xunit.Abstractions;

namespace MixConsole.Web.Tests;

/// <summary>The channel page draws the EQ the engine plays: its curve against the engine's magnitude response.</summary>
public sealed class ChannelPageTests(Browser browser, ITestOutputHelper output) : IClassFixture<Browser>
{
    private const double SampleRateHz = 48_000;
    private const double ToleranceDb = 0.3;

    // Wire values (enums as ints, the rest 0..1) of a curve with every band doing something.
    private static readonly (string Path, object Value)[] Settings =
    [
        ("/ch/01/eq/on", 1),
        ("/ch/01/eq/1/type", 1), ("/ch/01/eq/1/f", 0.30f), ("/ch/01/eq/1/g", 0.70f), ("/ch/01/eq/1/q", 0.5f),
        ("/ch/01/eq/2/type", 2), ("/ch/01/eq/2/f", 0.45f), ("/ch/01/eq/2/g", 0.20f), ("/ch/01/eq/2/q", 0.6f),
        ("/ch/01/eq/3/type", 2), ("/ch/01/eq/3/f", 0.70f), ("/ch/01/eq/3/g", 0.85f), ("/ch/01/eq/3/q", 0.3f),
        ("/ch/01/eq/4/type", 3), ("/ch/01/eq/4/f", 0.88f), ("/ch/01/eq/4/g", 0.35f), ("/ch/01/eq/4/q", 0.4f),
    ];

    [Fact]
    public async Task SendsAndEffectSends_OnTheChannelPage_ReachAnOscQuery_AndFollowOsc()
    {
        using var serve = new ServeUnderTest("--audio", "null");
        using var osc = new OscClient(serve.OscPort);
        IPage page = await browser.OpenLiveAsync(new Uri(serve.WebAddress, "/channel.html?ch=2"));
        const string Send = "/ch/02/mix/03/level", FxSend = "/ch/02/mix/fx/2/level", SendOn = "/ch/02/mix/03/on";
        await page.WaitForSelectorAsync(MixerPageTests.Selector(FxSend));
        Assert.Equal("Bus 03 Send level", await page.GetAttributeAsync(MixerPageTests.Selector(Send), "aria-label"));

        await page.FocusAsync(MixerPageTests.Selector(Send));
        await page.Keyboard.PressAsync("End");
        MixerPageTests.AssertAnswers(osc, Send, 1f);
        Assert.Equal(0f, (float)osc.Query("/ch/02/mix/fader") - 0.7498f, 3);
        await page.FocusAsync(MixerPageTests.Selector(FxSend));
        await page.Keyboard.PressAsync("End");
        MixerPageTests.AssertAnswers(osc, FxSend, 1f);

        osc.Send(SendOn, 0);
        await page.WaitForFunctionAsync("s => document.querySelector(s)?.getAttribute('aria-checked') === 'false'", MixerPageTests.Selector(SendOn));
    }

    [Fact]
    public async Task TheDrawnEqCurve_MatchesTheEnginesMagnitude_Within0p3dB_At20Frequencies()
    {
        using var serve = new ServeUnderTest("--audio", "null");
        using var osc = new OscClient(serve.OscPort);
        foreach ((string path, object value) in Settings)
        {
            osc.Set(path, value);
        }

        BiquadCoefficients[] engine = EngineSections();
        IPage page = await browser.OpenLiveAsync(new Uri(serve.WebAddress, "/channel.html?ch=1"));

        double[] errors = await SettledErrorsAsync(page, engine);
        output.WriteLine($"drawn minus engine at 20 frequencies: worst {errors.Max():0.0000} dB");
        Assert.Equal(20, errors.Length);
        Assert.All(errors, e => Assert.InRange(e, 0, ToleranceDb));

        // A move from OSC redraws the curve too.
        osc.Set("/ch/01/eq/3/g", 0.15f);
        BiquadCoefficients[] moved = EngineSections(("/ch/01/eq/3/g", 0.15f));
        errors = await SettledErrorsAsync(page, moved);
        Assert.All(errors, e => Assert.InRange(e, 0, ToleranceDb));
    }

    // The page redraws when values arrive: the errors of the first drawing that agrees, or of the last one after a minute.
    private static async Task<double[]> SettledErrorsAsync(IPage page, BiquadCoefficients[] engine)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        double[] errors;
        do
        {
            errors = await CurveErrorsAsync(page, engine);
            if (errors.Length == 20 && errors.Max() <= ToleranceDb) break;
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        return errors;
    }

    // The sections the engine designs for the settings (plus any changes), in a store of the tests' own.
    private static BiquadCoefficients[] EngineSections(params (string Path, object Value)[] changes)
    {
        var store = new ParameterStore(ParameterTable.Create(ConsoleConfig.Default));
        foreach ((string path, object value) in Settings.Concat(changes))
        {
            int index = store.Table.IndexOf(path);
            Assert.True(value is int i ? store.TrySetInt(index, i) : store.TrySetNormalized(index, (float)value), path);
        }

        var sections = new BiquadCoefficients[ChannelEqDesign.Bands];
        ChannelEqDesign.Design(store, 1, SampleRateHz, sections);
        return sections;
    }

    // |drawn - engine| in dB at 20 of the drawn points, spread over the curve.
    private static async Task<double[]> CurveErrorsAsync(IPage page, BiquadCoefficients[] engine)
    {
        ILocator svg = page.Locator("#eq-curve");
        double Scale(string name) => double.Parse(svg.GetAttributeAsync(name).GetAwaiter().GetResult()!, CultureInfo.InvariantCulture);
        double minHz = Scale("data-min-hz"), maxHz = Scale("data-max-hz"), minDb = Scale("data-min-db"), maxDb = Scale("data-max-db");
        string d = await page.Locator("#eq-path").GetAttributeAsync("d") ?? "";
        string[] points = d.TrimStart('M').Split(" L", StringSplitOptions.RemoveEmptyEntries);
        if (points.Length < 200)
        {
            return [];
        }

        var errors = new double[20];
        for (int n = 0; n < 20; n++)
        {
            string[] xy = points[(n * (points.Length - 1)) / 19].Split(',');
            double x = double.Parse(xy[0], CultureInfo.InvariantCulture) / 1000;
            double y = double.Parse(xy[1], CultureInfo.InvariantCulture) / 300;
            double hz = minHz * Math.Pow(maxHz / minHz, x);
            double drawnDb = maxDb - y * (maxDb - minDb);
            double engineDb = engine.Sum(s => s.MagnitudeDb(hz, SampleRateHz));
            Assert.InRange(engineDb, minDb + 0.5, maxDb - 0.5); // the test's curve stays on the drawing
            errors[n] = Math.Abs(drawnDb - engineDb);
        }

        return errors;
    }
}
