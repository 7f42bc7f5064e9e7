using MixConsole.Engine.Parameters;

namespace MixConsole.Host.Scenes;

/// <summary>
/// Moves a recall's <see cref="ParameterGlide"/> along every 10 ms on its own control thread while it runs, and
/// sleeps otherwise. 10 ms steps are far finer than a fader's travel (a full-throw 2 s fade moves about 5 of 1024
/// grid points per step) and the audio ramps each step, so the faders glide; the thread allocates nothing. The fade's
/// clock starts when the recall has filled the glide, not when it began: a slow fill (a store read waiting out a synced
/// commit on a loaded machine) would otherwise be counted as fade time and the faders would jump.
/// </summary>
internal sealed class SceneFadeThread : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    private readonly AutoResetEvent _wake = new(false);
    private readonly Thread _thread;
    private readonly TimeProvider _time;
    private long _started;
    private volatile bool _held;
    private volatile bool _stopping;

    public SceneFadeThread(ParameterGlide glide, TimeProvider? time = null)
    {
        Glide = glide ?? throw new ArgumentNullException(nameof(glide));
        _time = time ?? TimeProvider.System;
        _thread = new Thread(Run) { IsBackground = true, Name = "scene fade" };
        _thread.Start();
    }

    /// <summary>What the recall fills.</summary>
    public ParameterGlide Glide { get; }

    /// <summary>Holds the glide where it is: call just before the recall fills <see cref="Glide"/>, then <see cref="Go"/> (or <see cref="Resume"/> when no recall happened).</summary>
    public void Hold() => _held = true;

    /// <summary>Starts the fade clock now and wakes the thread to move the glide.</summary>
    public void Go()
    {
        Volatile.Write(ref _started, _time.GetTimestamp());
        _held = false;
        _wake.Set();
    }

    /// <summary>Lets a held glide go on by the clock it had (the recall was refused and left it alone).</summary>
    public void Resume()
    {
        _held = false;
        _wake.Set();
    }

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
            while (!_stopping && (_held || Glide.Step(_time.GetElapsedTime(Volatile.Read(ref _started)).TotalSeconds)))
            {
                _wake.WaitOne(Tick);
            }
        }
    }
}
