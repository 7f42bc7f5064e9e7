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
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(20);

    [Fact]
    [Trait("Category", "Soak")]
    public async Task PageWeight_FirstMeter_AndHostCpuForFourPages()
    {
        using var serve = new ServeUnderTest("--audio", "null");
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

        // Host CPU: this process runs serve (the test harness idles meanwhile); with no page, then with 4 mixer pages.
        double idle = ProcessCpuShare(Window);
        var pages = new List<IPage>();
        for (int p = 0; p < 4; p++)
        {
            pages.Add(await browser.OpenLiveAsync(serve.WebAddress));
        }

        await Task.Delay(2000);
        long framesBefore = await FramesAsync(pages[0]);
        double open = ProcessCpuShare(Window);
        long framesAfter = await FramesAsync(pages[0]);
        output.WriteLine(string.Create(inv,
            $"host CPU (one core = 100 %): {idle:0.00} % with no page, {open:0.00} % with 4 mixer pages open: the pages cost {open - idle:0.00} % ({(framesAfter - framesBefore) / Window.TotalSeconds:0.0} meter frames/s reached one page)"));
    }

    private static async Task<long> FramesAsync(IPage page) =>
        long.Parse((await page.GetAttributeAsync("body", "data-meter-frames"))!, CultureInfo.InvariantCulture);

    private static double ProcessCpuShare(TimeSpan window)
    {
        using Process self = Process.GetCurrentProcess();
        TimeSpan before = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        Thread.Sleep(window);
        self.Refresh();
        return 100 * (self.TotalProcessorTime - before).TotalSeconds / clock.Elapsed.TotalSeconds;
    }
}
