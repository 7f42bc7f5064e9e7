using Microsoft.Playwright;

namespace MixConsole.Web.Tests;

/// <summary>
/// Sits on a page's WebSocket (Playwright's route) and, while holding, keeps what the console sends the page
/// until the test releases it, in order: a console whose answers and echoes arrive as late as the test says.
/// The page's own packets pass straight through.
/// </summary>
internal sealed class LateAnswers
{
    private const byte MeterMagic = (byte)'M';
    private readonly Queue<byte[]> _held = new();
    private IWebSocketRoute? _page;
    private bool _holding;

    public static async Task<LateAnswers> RouteAsync(IPage page)
    {
        var late = new LateAnswers();
        await page.RouteWebSocketAsync(url => url.Contains("/ws", StringComparison.Ordinal), late.Attach);
        return late;
    }

    public void Hold()
    {
        lock (_held) _holding = true;
    }

    /// <summary>Frames held now that are OSC (answers and echoes), not meter frames.</summary>
    public int HeldOsc
    {
        get
        {
            lock (_held) return _held.Count(f => f[0] != MeterMagic);
        }
    }

    /// <summary>Whether an OSC frame held now carries <paramref name="address"/> (a reply may come alone or in a bundle).</summary>
    public bool HeldOscCarries(string address)
    {
        byte[] wanted = System.Text.Encoding.ASCII.GetBytes(address);
        lock (_held) return _held.Any(f => f[0] != MeterMagic && f.AsSpan().IndexOf(wanted) >= 0);
    }

    /// <summary>Passes held frames on, oldest first, up to and including the <paramref name="osc"/>-th OSC frame.</summary>
    public void ReleaseOsc(int osc)
    {
        lock (_held)
        {
            while (osc > 0 && _held.TryDequeue(out byte[]? frame))
            {
                _page!.Send(frame);
                osc -= frame[0] != MeterMagic ? 1 : 0;
            }
        }
    }

    /// <summary>Passes held frames on up to and including the next meter frame; false when none is held yet.</summary>
    public bool ReleaseThroughMeterFrame()
    {
        lock (_held)
        {
            if (!_held.Any(f => f[0] == MeterMagic))
            {
                return false;
            }

            while (_held.TryDequeue(out byte[]? frame))
            {
                _page!.Send(frame);
                if (frame[0] == MeterMagic) return true;
            }

            return true;
        }
    }

    /// <summary>Passes everything held on and stops holding.</summary>
    public void ReleaseAll()
    {
        lock (_held)
        {
            while (_held.TryDequeue(out byte[]? frame)) _page!.Send(frame);
            _holding = false;
        }
    }

    private void Attach(IWebSocketRoute page)
    {
        _page = page;
        IWebSocketRoute console = page.ConnectToServer();
        console.OnMessage(frame =>
        {
            byte[] bytes = frame.Binary ?? throw new InvalidOperationException("the console sends binary frames only");
            lock (_held)
            {
                if (_holding) _held.Enqueue(bytes);
                else page.Send(bytes);
            }
        });
    }
}
