using System.Diagnostics;

namespace MixConsole.Host.Offline;

/// <summary>A one-line progress display on the error stream for renders that take a while; silent when output is redirected or the work is quick.</summary>
internal sealed class ProgressReporter(TextWriter writer, string label, bool enabled)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastShownMs = -1000;
    private bool _shown;

    public static ProgressReporter ForConsole(TextWriter writer, string label) =>
        new(writer, label, ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected);

    public void Report(double fraction)
    {
        if (!enabled) return;
        long now = _clock.ElapsedMilliseconds;
        if (now < 700 || now - _lastShownMs < 250) return; // quick renders print nothing
        _lastShownMs = now;
        _shown = true;
        writer.Write($"\r{label} {Math.Clamp(fraction, 0, 1) * 100,5:0.0} %");
    }

    public void Done()
    {
        if (_shown) writer.Write("\r" + new string(' ', label.Length + 10) + "\r");
    }
}
