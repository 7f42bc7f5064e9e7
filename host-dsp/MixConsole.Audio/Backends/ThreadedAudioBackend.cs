using MixConsole.Audio.Realtime;

namespace MixConsole.Audio.Backends;

/// <summary>A backend whose periods are driven by its own audio thread (ALSA, WAV, null).</summary>
public abstract class ThreadedAudioBackend : AudioBackend
{
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(5);
    private AudioThread? _thread;

    /// <inheritdoc />
    public override RealtimeResult Realtime
    {
        get => _thread?.Realtime ?? RealtimeResult.NotRequested;
        protected set { }
    }

    /// <summary>True when called on this backend's audio thread.</summary>
    protected bool OnAudioThread => _thread?.IsCurrentThread ?? false;

    /// <summary>The loop run on the audio thread until <see cref="AudioBackend.StopRequested"/> or the stream ends.</summary>
    protected abstract void RunAudioLoop(IAudioCallback callback);

    /// <inheritdoc />
    protected override void StartCore(IAudioCallback callback)
    {
        _thread = new AudioThread($"mixconsole-{Name}", Options.Realtime, () =>
        {
            try
            {
                RunAudioLoop(callback);
                SignalEnd();
            }
            catch (Exception e)
            {
                SignalEnd(e);
            }
        });
        _thread.Start();
    }

    /// <inheritdoc />
    protected override void StopCore()
    {
        if (_thread is null || OnAudioThread) return;
        if (!_thread.Join(JoinTimeout))
            throw new AudioBackendException($"the {Name} audio thread did not stop within {JoinTimeout.TotalSeconds:0} s");
    }
}
