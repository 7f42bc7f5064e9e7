namespace MixConsole.Host.Cli;

/// <summary>A one-line percentage on the terminal for long work; silent when stderr is redirected (scripts, tests).</summary>
internal sealed class ProgressLine(TextWriter writer, string label) : IProgress<double>
{
    private int _lastPercent = -1;

    /// <summary>A progress line when stderr is a terminal, otherwise null.</summary>
    public static ProgressLine? ForLongWork(TextWriter err, string label) =>
        Console.IsErrorRedirected ? null : new ProgressLine(err, label);

    public void Report(double fraction)
    {
        int percent = (int)Math.Clamp(fraction * 100, 0, 100);
        if (percent == _lastPercent) return;
        _lastPercent = percent;
        writer.Write($"\r{label} {percent,3}%");
    }

    /// <summary>Clears the line.</summary>
    public void Done()
    {
        if (_lastPercent >= 0) writer.Write("\r" + new string(' ', label.Length + 6) + "\r");
    }
}
