using System.Globalization;
using Microsoft.Playwright;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;
using Xunit.Abstractions;

namespace MixConsole.Web.Tests;

/// <summary>
/// The mixer page's strip meters against signals from the WAV backend, read through their ARIA meters: each strip's
/// level meter carries data-peak-db and data-rms-db (what is drawn, '-inf' for silence), each gain-reduction meter
/// data-reduction-db.
/// </summary>
public sealed class MixerMeterTests(Browser browser, ITestOutputHelper output) : IClassFixture<Browser>
{
    private const double SineDbfs = -12;
    private static readonly ParameterTable Table = ParameterTable.Create(ConsoleConfig.Default);

    // Channel 1: a 1 kHz sine at -12 dBFS peak; channel 2: digital silence. At unity (-0.01 dB) the peak reads -12
    // and the 300 ms RMS 3.01 dB under it; the silent strip reads -inf and never moves.
    [Fact]
    public async Task ASine_ShowsItsPeak_AndItsRms3dBBelow_WhileSilenceStaysStill()
    {
        using var signals = new MixConsole.Host.Tests.TestSignals();
        using var serve = new ServeUnderTest("--audio", "wav", "--input", TwoChannels(signals, "sine.wav", SineDbfs, double.NegativeInfinity));
        IPage page = await browser.OpenLiveAsync(serve.WebAddress);
        string tone = Level("channel", 1), silence = Level("channel", 2);
        await WaitForFiniteAsync(page, tone, "rms-db");

        for (int look = 0; look < 10; look++)
        {
            double peak = await DbAsync(page, tone, "peak-db"), rms = await DbAsync(page, tone, "rms-db");
            output.WriteLine($"peak {peak:0.00} dBFS, RMS {rms:0.00} dBFS");
            Assert.InRange(peak, SineDbfs - 0.2, SineDbfs + 0.05);
            Assert.InRange(peak - rms, 3.01 - 0.5, 3.01 + 0.5);
            Assert.Equal(Math.Max(-60, peak), double.Parse((await page.GetAttributeAsync(tone, "aria-valuenow"))!, CultureInfo.InvariantCulture), 1);
            Assert.Equal("-inf", await page.GetAttributeAsync(silence, "data-peak-db"));
            Assert.Equal("-inf", await page.GetAttributeAsync(silence, "data-rms-db"));
            Assert.Equal("-inf", await page.GetAttributeAsync(silence, "data-hold-db"));
            Assert.Equal("0.0", await page.GetAttributeAsync(Meter("channel", 2, "compressor"), "data-reduction-db"));
            await Task.Delay(100);
        }
    }

    // Both channels carry a -6 dBFS sine; only channel 1's compressor is on, with its threshold at -40 dB. Channel 2's
    // gate is on with its threshold above the signal: its gate meter shows the gate's reduction, channel 1's none.
    [Fact]
    public async Task ACompressorOverItsThreshold_ShowsReductionOnItsStripOnly_AndAClosedGateOnItsOwn()
    {
        using var signals = new MixConsole.Host.Tests.TestSignals();
        using var serve = new ServeUnderTest("--audio", "wav", "--input", TwoChannels(signals, "loud.wav", -6, -6));
        using var osc = new OscClient(serve.OscPort);
        Set(osc, "/ch/01/dyn/thr", -40f);
        osc.Set("/ch/01/dyn/on", 1);
        Set(osc, "/ch/02/gate/thr", 0f);
        Set(osc, "/ch/02/gate/range", 20f);
        osc.Set("/ch/02/gate/on", 1);
        IPage page = await browser.OpenLiveAsync(serve.WebAddress);

        string compressor1 = Meter("channel", 1, "compressor"), gate2 = Meter("channel", 2, "gate");
        await page.WaitForFunctionAsync(
            "([a, b]) => Number(document.querySelector(a)?.dataset.reductionDb) > 10 && Number(document.querySelector(b)?.dataset.reductionDb) > 10",
            new object[] { compressor1, gate2 });
        for (int look = 0; look < 5; look++)
        {
            Assert.True(await DbAsync(page, compressor1, "reduction-db") > 10);
            Assert.Equal("0.0", await page.GetAttributeAsync(Meter("channel", 2, "compressor"), "data-reduction-db"));
            Assert.Equal("0.0", await page.GetAttributeAsync(Meter("channel", 1, "gate"), "data-reduction-db"));
            Assert.InRange(await DbAsync(page, gate2, "reduction-db"), 15, 20.5);
            Assert.InRange(await DbAsync(page, Level("channel", 2), "peak-db"), -6.2 - 20.5, -6 - 15);
            await Task.Delay(100);
        }

        string text = (await page.GetAttributeAsync(compressor1, "aria-valuetext"))!;
        output.WriteLine($"channel 1 compressor: {text}; channel 2 gate: {await page.GetAttributeAsync(gate2, "aria-valuetext")}");
        Assert.EndsWith(" dB", text);
    }

    // Channel 1's sine sent at 0 dB to bus 1: bus 1's strip shows its level (bus 2 stays silent), and main shows the
    // channel's mix on both sides. DCAs carry no audio and have no meter.
    [Fact]
    public async Task ABusFedByASend_AndTheMain_ShowLevel_DcasHaveNoMeter()
    {
        using var signals = new MixConsole.Host.Tests.TestSignals();
        using var serve = new ServeUnderTest("--audio", "wav", "--input", TwoChannels(signals, "send.wav", SineDbfs, double.NegativeInfinity));
        using var osc = new OscClient(serve.OscPort);
        Set(osc, "/ch/01/mix/01/level", 0f);
        IPage page = await browser.OpenLiveAsync(serve.WebAddress);

        await page.ClickAsync("#layers [data-layer='bus']");
        await WaitForFiniteAsync(page, Level("bus", 1), "rms-db");
        double busPeak = await DbAsync(page, Level("bus", 1), "peak-db");
        Assert.InRange(busPeak, SineDbfs - 0.3, SineDbfs + 0.3);
        Assert.InRange(busPeak - await DbAsync(page, Level("bus", 1), "rms-db"), 2.5, 3.5);
        Assert.Equal(double.NegativeInfinity, await DbAsync(page, Level("bus", 2), "peak-db"));

        await page.ClickAsync("#layers [data-layer='main']");
        foreach (string side in new[] { "left", "right" })
        {
            string main = $"[data-main='1'] [role='meter'][aria-label='Main {side} level']";
            await WaitForFiniteAsync(page, main, "rms-db");
            Assert.InRange(await DbAsync(page, main, "peak-db"), SineDbfs - 10, SineDbfs + 3);
        }

        Assert.Equal(0, await page.Locator("[data-layer='dca'] [role='meter']").CountAsync());
        Assert.True(await page.Locator("[data-layer='dca']").CountAsync() > 0);
    }

    // Channel 1's sine sent to effect slot 1 running a delay: return strips 1 and 2 (the slot's left and right) show
    // its level, peak and RMS about 3 dB apart; slot 2's returns stay silent.
    [Fact]
    public async Task AnEffectFedByASend_ShowsLevelOnItsReturnStrips_OnlyThere()
    {
        using var signals = new MixConsole.Host.Tests.TestSignals();
        using var serve = new ServeUnderTest("--audio", "wav", "--input", TwoChannels(signals, "fx.wav", SineDbfs, double.NegativeInfinity));
        using var osc = new OscClient(serve.OscPort);
        osc.Set("/fx/1/type", X32EffectTypes.Send.Select((t, i) => (t, i)).Single(x => x.t.Label == "DLY").i);
        Set(osc, "/ch/01/mix/fx/1/level", 0f);
        IPage page = await browser.OpenLiveAsync(serve.WebAddress);

        await page.ClickAsync("#layers [data-layer='fxrtn']");
        foreach (int ret in new[] { 1, 2 })
        {
            // The 300 ms RMS window starts with the silence before the first echo: wait for it to fill with the delayed sine.
            await page.WaitForFunctionAsync(
                "s => { const m = document.querySelector(s); const d = Number(m?.dataset.peakDb) - Number(m?.dataset.rmsDb); return d > 2 && d < 4; }",
                Level("fxrtn", ret));
            double peak = await DbAsync(page, Level("fxrtn", ret), "peak-db"), rms = await DbAsync(page, Level("fxrtn", ret), "rms-db");
            output.WriteLine($"return {ret}: peak {peak:0.00} dBFS, RMS {rms:0.00} dBFS");
            Assert.InRange(peak, -40, 0);
            Assert.InRange(peak - rms, 2, 4);
        }

        Assert.Equal(double.NegativeInfinity, await DbAsync(page, Level("fxrtn", 3), "peak-db"));
        Assert.Equal(double.NegativeInfinity, await DbAsync(page, Level("fxrtn", 4), "rms-db"));
    }

    private static string Level(string layer, int number) => $"[data-{layer}='{number}'] [role='meter'][data-meter='level']";

    private static string Meter(string layer, int number, string kind) => $"[data-{layer}='{number}'] [role='meter'][data-meter='{kind}']";

    private static string TwoChannels(MixConsole.Host.Tests.TestSignals signals, string name, double dbfs1, double dbfs2)
    {
        double a1 = Math.Pow(10, dbfs1 / 20), a2 = Math.Pow(10, dbfs2 / 20);
        return signals.Write(name, 48_000, 2, 60, (c, i) => (c == 0 ? a1 : a2) * Math.Sin(2 * Math.PI * 1000 * i / 48_000.0));
    }

    private static void Set(OscClient osc, string path, float real) => osc.Set(path, Table[Table.IndexOf(path)].Spec.ToNormalized(real));

    private static async Task WaitForFiniteAsync(IPage page, string selector, string attribute) =>
        await page.WaitForFunctionAsync(
            "([s, a]) => Number.isFinite(Number(document.querySelector(s)?.getAttribute('data-' + a)))",
            new object[] { selector, attribute });

    // Waits for the attribute: a strip redrawn on a layer switch has no reading until its next frame.
    private static async Task<double> DbAsync(IPage page, string selector, string attribute)
    {
        IJSHandle reading = await page.WaitForFunctionAsync(
            "([s, a]) => document.querySelector(s)?.getAttribute('data-' + a) ?? false", new object[] { selector, attribute });
        string text = await reading.JsonValueAsync<string>();
        return text == "-inf" ? double.NegativeInfinity : double.Parse(text, CultureInfo.InvariantCulture);
    }
}
