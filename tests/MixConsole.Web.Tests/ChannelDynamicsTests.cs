using System.Globalization;
using Microsoft.Playwright;
using MixConsole.Dsp.Dynamics;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;
using Xunit.Abstractions;

namespace MixConsole.Web.Tests;

/// <summary>The channel page's gate and compressor: transfer curves against the engine's static curve, live gain reduction from the meters.</summary>
public sealed class ChannelDynamicsTests(Browser browser, ITestOutputHelper output) : IClassFixture<Browser>
{
    private const double ToleranceDb = 0.3;
    private static readonly ParameterTable Table = ParameterTable.Create(ConsoleConfig.Default);

    [Fact]
    public async Task TheDrawnCompressorCurve_MatchesTheEnginesStaticCurve_Within0p3dB_At20Levels()
    {
        using var serve = new ServeUnderTest("--audio", "null");
        using var osc = new OscClient(serve.OscPort);
        SetReal(osc, "/ch/01/dyn/on", 1);
        SetReal(osc, "/ch/01/dyn/thr", -32);
        SetReal(osc, "/ch/01/dyn/ratio", 6); // the X32's 4.0
        SetReal(osc, "/ch/01/dyn/knee", 3); // the X32's knee 3, 6 dB wide
        SetReal(osc, "/ch/01/dyn/mgain", 0);
        SetReal(osc, "/ch/01/gate/on", 1);
        SetReal(osc, "/ch/01/gate/mode", 3); // GATE: the full range below the threshold
        SetReal(osc, "/ch/01/gate/thr", -40);
        SetReal(osc, "/ch/01/gate/range", 20);
        Assert.Equal(1, osc.QueryUntil("/ch/01/gate/on", v => v is 1));
        IPage page = await browser.OpenLiveAsync(new Uri(serve.WebAddress, "/channel.html?ch=1"));

        // The engine's own static gain computer, set up from the real values the store holds.
        var engine = new Compressor { ThresholdDb = -32, Ratio = 4, KneeDb = 6 };
        double[] errors = await SettledErrorsAsync(page, "#comp", level => level - engine.StaticGainReductionDb((float)level));
        output.WriteLine($"compressor: drawn minus engine at 20 levels, worst {errors.Max():0.0000} dB");
        Assert.All(errors, e => Assert.InRange(e, 0, ToleranceDb));
        errors = await SettledErrorsAsync(page, "#gate", level => level < -40 ? level - 20 : level);
        Assert.All(errors, e => Assert.InRange(e, 0, ToleranceDb));

        // A move from OSC redraws the curve.
        SetReal(osc, "/ch/01/dyn/ratio", 9); // 10
        engine.Ratio = 10;
        errors = await SettledErrorsAsync(page, "#comp", level => level - engine.StaticGainReductionDb((float)level));
        Assert.All(errors, e => Assert.InRange(e, 0, ToleranceDb));

        // The ratio is the X32's enum: its slider shows the ratio the position names and steps to the next position.
        await page.WaitForSelectorAsync("[role='slider'][data-path='/ch/01/dyn/ratio'][aria-valuenow='9'][aria-valuetext='10:1']");
        await page.WaitForSelectorAsync("[role='slider'][data-path='/ch/01/dyn/knee'][aria-valuetext='3.0']");
        await page.FocusAsync("[data-path='/ch/01/dyn/ratio']");
        await page.Keyboard.PressAsync("ArrowRight");
        Assert.Equal(10, osc.QueryUntil("/ch/01/dyn/ratio", v => v is 10));
    }

    [Fact]
    public async Task ASignalOverThreshold_ShowsLiveGainReduction_AndSilenceShowsNone()
    {
        using var signals = new MixConsole.Host.Tests.TestSignals();
        // Channel 1: a 1 kHz sine at -6 dBFS peak; channel 2: silence.
        string input = signals.Write("loud.wav", 48_000, 2, 60, (c, i) => c == 1 ? 0 : 0.5 * Math.Sin(2 * Math.PI * 1000 * i / 48_000.0));
        using var serve = new ServeUnderTest("--audio", "wav", "--input", input);
        using var osc = new OscClient(serve.OscPort);
        foreach (string ch in new[] { "01", "02" })
        {
            SetReal(osc, $"/ch/{ch}/dyn/on", 1);
            SetReal(osc, $"/ch/{ch}/dyn/thr", -30);
            SetReal(osc, $"/ch/{ch}/dyn/ratio", 6); // 4.0
        }

        Assert.Equal(1, osc.QueryUntil("/ch/02/dyn/on", v => v is 1));
        IPage loud = await browser.OpenLiveAsync(new Uri(serve.WebAddress, "/channel.html?ch=1"));
        IPage quiet = await browser.OpenLiveAsync(new Uri(serve.WebAddress, "/channel.html?ch=2"));

        // 24 dB over a 4:1 threshold asks 18 dB of reduction (less a knee's worth); the point rides the curve.
        await loud.WaitForFunctionAsync("() => Number(document.getElementById('comp-gr').dataset.reduction) > 10");
        await loud.WaitForFunctionAsync("() => document.getElementById('comp-point').getAttribute('visibility') === 'visible'");
        var seen = new HashSet<string>();
        for (int look = 0; look < 20; look++)
        {
            string reduction = (await loud.GetAttributeAsync("#comp-gr", "data-reduction"))!;
            Assert.InRange(double.Parse(reduction, CultureInfo.InvariantCulture), 10, 20);
            Assert.Equal("0.00", await quiet.GetAttributeAsync("#comp-gr", "data-reduction"));
            Assert.Equal("hidden", await quiet.GetAttributeAsync("#comp-point", "visibility"));
            seen.Add((await loud.GetAttributeAsync("#comp-point", "cx"))!);
            await Task.Delay(60);
        }

        output.WriteLine($"loud channel's operating point at {string.Join(", ", seen)}");
        double x = double.Parse(seen.First(), CultureInfo.InvariantCulture);
        Assert.InRange(x, 300 * (60 - 8.0) / 60, 300 * (60 - 4.0) / 60); // the -6 dBFS input, give or take the ripple of a peak reading
    }

    // Sets a parameter by its real value (the nearest grid point), as an X32 app sends it: float 0..1 or enum int.
    internal static void SetReal(OscClient osc, string path, double real)
    {
        ParameterSpec spec = Table[Table.IndexOf(path)].Spec;
        int k = Enumerable.Range(0, spec.StepCount).MinBy(i => Math.Abs(spec.RealAt(i) - real));
        osc.Set(path, spec.WireTypeTag == 'f' ? (object)((float)k / (spec.StepCount - 1)) : k);
    }

    private static async Task<double[]> SettledErrorsAsync(IPage page, string curve, Func<double, double> engineDb)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        double[] errors;
        do
        {
            errors = await CurveErrorsAsync(page, curve, engineDb);
            if (errors.Length == 20 && errors.Max() <= ToleranceDb) break;
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Equal(20, errors.Length);
        return errors;
    }

    // |drawn - engine| in dB at 20 of the drawn points spread over -60..0 dB in.
    private static async Task<double[]> CurveErrorsAsync(IPage page, string curve, Func<double, double> engineDb)
    {
        ILocator svg = page.Locator($"{curve}-curve");
        double minDb = double.Parse((await svg.GetAttributeAsync("data-min-db"))!, CultureInfo.InvariantCulture);
        double maxDb = double.Parse((await svg.GetAttributeAsync("data-max-db"))!, CultureInfo.InvariantCulture);
        string d = await page.Locator($"{curve}-path").GetAttributeAsync("d") ?? "";
        string[] points = d.TrimStart('M').Split(" L", StringSplitOptions.RemoveEmptyEntries);
        if (points.Length < 100)
        {
            return [];
        }

        var errors = new double[20];
        for (int n = 0; n < 20; n++)
        {
            string[] xy = points[(n * (points.Length - 1)) / 19].Split(',');
            double input = minDb + double.Parse(xy[0], CultureInfo.InvariantCulture) / 300 * (maxDb - minDb);
            double drawn = maxDb - double.Parse(xy[1], CultureInfo.InvariantCulture) / 300 * (maxDb - minDb);
            errors[n] = Math.Abs(drawn - Math.Clamp(engineDb(input), minDb, maxDb)); // the drawing holds what leaves it at its edge
        }

        return errors;
    }
}
