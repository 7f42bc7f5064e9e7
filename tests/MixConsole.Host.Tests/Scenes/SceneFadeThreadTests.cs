using MixConsole.Control.Tests.Server;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;
using MixConsole.Host.Scenes;

namespace MixConsole.Host.Tests.Scenes;

/// <summary>
/// The recall's fade thread on a clock the test moves: a fade's time runs from when the recall has filled the glide,
/// however long the filling took, and a recall that was refused lets the fade in progress go on by its own clock.
/// </summary>
public sealed class SceneFadeThreadTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ParameterStore _store = new(ParameterTable.Create(ConsoleConfig.Default));
    private readonly ManualClock _clock = new();
    private readonly int _fader;

    public SceneFadeThreadTests()
    {
        _fader = _store.Table.IndexOf("/ch/01/mix/fader");
        Assert.True(_store.TrySetReal(_fader, Spec.RealAt(100)));
    }

    private ParameterSpec Spec => _store.Table[_fader].Spec;

    [Fact]
    public void ARecallThatTookLongToFill_StillTravels_FromWhenItWasFilled()
    {
        using var fade = new SceneFadeThread(new ParameterGlide(_store), _clock);
        fade.Hold();
        _clock.Advance(TimeSpan.FromSeconds(5)); // a store read waiting out a synced commit on a loaded machine
        fade.Glide.Begin(1.0);
        Assert.True(fade.Glide.Add(_fader, Spec.RealAt(900)));
        fade.Go();

        _clock.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Equal(500, NextGrid(100)); // half way, not landed: the 5 s of filling were not fade time
        _clock.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Equal(900, NextGrid(500));
    }

    [Fact]
    public void ARefusedRecall_MidFade_LetsTheFadeGoOnByItsOwnClock()
    {
        using var fade = new SceneFadeThread(new ParameterGlide(_store), _clock);
        fade.Hold();
        fade.Glide.Begin(1.0);
        Assert.True(fade.Glide.Add(_fader, Spec.RealAt(900)));
        fade.Go();
        _clock.Advance(TimeSpan.FromSeconds(0.25));
        Assert.Equal(300, NextGrid(100));

        fade.Hold(); // a recall of an empty slot begins, and is refused
        _clock.Advance(TimeSpan.FromSeconds(0.25));
        fade.Resume();
        Assert.Equal(500, NextGrid(300));
    }

    // The fader's next value once the thread moves it (it steps every 10 ms of real time).
    private int NextGrid(int from)
    {
        var deadline = DateTime.UtcNow + Patience;
        int grid;
        while ((grid = _store.GetGridIndex(_fader)) == from)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the fader stayed at grid {from} for {Patience}");
            Thread.Sleep(1);
        }

        return grid;
    }
}
