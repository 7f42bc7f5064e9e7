using System.Diagnostics;
using MixConsole.Engine.Parameters;

namespace MixConsole.Host.Scenes;

/// <summary>
/// Moves a recall's <see cref="ParameterGlide"/> along every 10 ms on its own control thread while it runs, and
/// sleeps otherwise. 10 ms steps are far finer than a fader's travel (a full-throw 2 s fade moves about 5 of 1024
/// grid points per step) and the audio ramps each step, so the faders glide; the thread allocates nothing.
/// </summary>
internal sealed class SceneFadeThread : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    private readonly AutoResetEvent _wake = new(false);
    private readonly Thread _thread;
    private long _started;
    private volatile bool _stopping;

    public SceneFadeThread(ParameterGlide glide)
    {
        Glide = glide ?? throw new ArgumentNullException(nameof(glide));
        _thread = new Thread(Run) { IsBackground = true, Name = "scene fade" };
        _thread.Start();
    }

    /// <summary>What the recall fills.</summary>
    public ParameterGlide Glide { get; }

    /// <summary>Starts the fade clock: call just before the recall fills <see cref="Glide"/>, then <see cref="Go"/>.</summary>
    public void Restart() => Volatile.Write(ref _started, Stopwatch.GetTimestamp());

    /// <summary>Wakes the thread to move the glide from now on.</summary>
    public void Go() => _wake.Set();

    public void Dispose()
    {
        _stopping = true;
        _wake.Set();
        _thread.Join(TimeSpan.FromSeconds(2));
        _wake.Dispose();
    }

    private void Run()
    {
        while (!_stopping)
        {
            _wake.WaitOne();
            while (!_stopping && Glide.Step(Stopwatch.GetElapsedTime(Volatile.Read(ref _started)).TotalSeconds))
            {
                _wake.WaitOne(Tick);
            }
        }
    }
}
