using MixConsole.SurfaceSim.Session;

namespace MixConsole.SurfaceSim.Interactive;

/// <summary>
/// The interactive terminal: keeps the surface scanning at 1 kHz, reads keys between scans, and redraws the
/// surface every 50 ms (also while a hand move is in progress).
/// </summary>
public sealed class TerminalUi
{
    private const int RedrawMs = 50;
    private readonly SimSession _session;
    private readonly string _host;
    private readonly SurfaceKeys _keys;
    private long _lastDraw = long.MinValue / 2;
    private int _lastLineCount;

    /// <summary>A terminal view of <paramref name="session"/> connected to <paramref name="host"/>.</summary>
    public TerminalUi(SimSession session, string host)
    {
        _session = session;
        _host = host;
        _keys = new SurfaceKeys(session.Surface);
    }

    /// <summary>Runs until 'q' or Escape.</summary>
    public void Run()
    {
        Console.Clear();
        Console.CursorVisible = false;
        _session.EachScan = Redraw;
        try
        {
            bool running = true;
            while (running)
            {
                _session.Run(10);
                while (running && Console.KeyAvailable)
                {
                    running = _keys.Handle(Console.ReadKey(intercept: true));
                }
            }
        }
        finally
        {
            _session.EachScan = null;
            Console.CursorVisible = true;
            Console.WriteLine();
        }
    }

    private void Redraw()
    {
        long now = _session.NowMs;
        if (now - _lastDraw < RedrawMs)
        {
            return;
        }

        _lastDraw = now;
        string status = $"{_keys.Status}   [1-8 strip, 9 master, arrows fader/encoder, m s e, [ ], c b d layer, f sends, g page, t touch, q quit]";
        IReadOnlyList<string> lines = SurfaceView.Render(_session.Surface, _keys.Selected, _host, status);
        int width = Math.Max(20, Console.WindowWidth - 1);
        Console.SetCursorPosition(0, 0);
        for (int i = 0; i < Math.Max(lines.Count, _lastLineCount); i++)
        {
            string line = i < lines.Count ? lines[i] : "";
            Console.Out.Write(line.Length > width ? line[..width] : line.PadRight(width));
            Console.Out.Write('\n');
        }

        _lastLineCount = lines.Count;
        Console.Out.Flush();
    }
}
