using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace MixConsole.Web.Tests;

/// <summary>
/// The figures of the front-end decision note (host-dsp/docs/web-console-frontend.md): page weight, load and
/// first-meter times on loopback, and what 4 open mixer pages cost the host. Printed, not asserted; run with
/// <c>./test --soak</c>.
/// </summary>
public sealed class WebConsoleFigures(Browser browser, ITestOutputHelper output) : IClassFixture<Browser>
{
    private const int Rounds = 3;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    [Fact]
    [Trait("Category", "Soak")]
    public async Task PageWeight_FirstMeter_AndHostCpuForFourPages()
    {
        using var serve = new ServeProcess("--audio", "null");
        var inv = CultureInfo.InvariantCulture;

        // Page weight: every response body of a cold load of the mixer, as sent (no compression is offered).
        IBrowserContext cold = await browser.Chromium.NewContextAsync();
        IPage first = await cold.NewPageAsync();
        var responses = new List<IResponse>();
        first.Response += (_, response) =>
        {
            lock (responses) responses.Add(response);
        };
        await first.GotoAsync(serve.WebAddress.ToString());
        await first.WaitForSelectorAsync("body[data-state='live'][data-first-meter-ms]");
        long bytes = 0;
        int requests = 0;
        foreach (IResponse response in responses.Where(r => r.Status == 200))
        {
            bytes += (await response.BodyAsync()).Length;
            requests++;
        }

        double load = await first.EvaluateAsync<double>("() => performance.getEntriesByType('navigation')[0].loadEventEnd");
        double live = await first.EvaluateAsync<double>("() => performance.getEntriesByType('resource').map(r => r.responseEnd).reduce((a, b) => Math.max(a, b), 0)");
        double firstMeter = double.Parse((await first.GetAttributeAsync("body", "data-first-meter-ms"))!, inv);
        output.WriteLine(string.Create(inv, $"mixer page: {requests} responses, {bytes / 1024.0:0.0} KB of bodies; load event {load:0} ms, last resource {live:0} ms, first meter frame drawn {firstMeter:0} ms after navigation"));
        await cold.CloseAsync();

        // Host CPU: serve's own process (the built executable, as the Pi runs it). Windows with no page and with 4 mixer
        // pages alternate, so a change in the machine's other load falls on both; the medians are compared.
        var idle = new List<double>();
        var open = new List<double>();
        double framesPerSecond = 0;
        for (int round = 0; round < Rounds; round++)
        {
            idle.Add(CpuShare(serve, Window));
            var pages = new List<IPage>();
            for (int p = 0; p < 4; p++)
            {
                pages.Add(await browser.OpenLiveAsync(serve.WebAddress));
            }

            await Task.Delay(2000);
            long framesBefore = await FramesAsync(pages[0]);
            open.Add(CpuShare(serve, Window));
            framesPerSecond = (await FramesAsync(pages[0]) - framesBefore) / Window.TotalSeconds;
            foreach (IPage page in pages)
            {
                await page.Context.CloseAsync();
            }

            await Task.Delay(2000);
        }

        double cost = Median(open) - Median(idle);
        output.WriteLine(string.Create(inv,
            $"host CPU (one core = 100 %), {Rounds} alternating {Window.TotalSeconds:0} s windows: no page {string.Join(" ", idle.Select(v => v.ToString("0.00", inv)))} %, 4 mixer pages {string.Join(" ", open.Select(v => v.ToString("0.00", inv)))} %"));
        output.WriteLine(string.Create(inv,
            $"4 open pages cost {cost:0.00} % of one core (medians), {10_000 * cost / (4 * framesPerSecond):0.0} us of CPU per meter frame per page ({framesPerSecond:0.0} meter frames/s reached one page)"));
    }

    private static double Median(List<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static async Task<long> FramesAsync(IPage page) =>
        long.Parse((await page.GetAttributeAsync("body", "data-meter-frames"))!, CultureInfo.InvariantCulture);

    private static double CpuShare(ServeProcess serve, TimeSpan window)
    {
        TimeSpan before = serve.CpuTime;
        var clock = Stopwatch.StartNew();
        Thread.Sleep(window);
        return 100 * (serve.CpuTime - before).TotalSeconds / clock.Elapsed.TotalSeconds;
    }
}
