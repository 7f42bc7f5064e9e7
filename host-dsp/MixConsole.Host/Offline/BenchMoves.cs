using MixConsole.Engine.Parameters;

namespace MixConsole.Host.Offline;

/// <summary>
/// A busy desk for the bench: parameter changes through the store, as a control surface makes them, cycling
/// faders, pans, the four EQ gains and a bus send of every channel, then the master EQ. Kind by kind across all
/// channels (every fader, then every pan, ...), so a block's moves land on as many strips as they can. Values are
/// deterministic and every one differs from the value before it, so each move is a real change.
/// </summary>
internal sealed class BenchMoves
{
    private readonly ParameterStore _store;
    private readonly int[] _targets;
    private long _made;

    public BenchMoves(ParameterStore store)
    {
        _store = store;
        var table = store.Table;
        var config = table.Config;
        var targets = new List<int>();
        void Kind(Func<int, string> path)
        {
            for (int c = 1; c <= config.Channels; c++) targets.Add(Index(path(c)));
        }

        Kind(c => ParameterPaths.Channel(c) + "/mix/fader");
        Kind(c => ParameterPaths.Channel(c) + "/mix/pan");
        for (int band = 1; band <= 4; band++) Kind(c => $"{ParameterPaths.Channel(c)}/eq/{band}/g");
        if (config.Buses > 0) Kind(c => ParameterPaths.Send(c, 1 + (c - 1) % config.Buses) + "/level");
        foreach (string master in (string[])["/master/eq/lowshelf/g", "/master/eq/highshelf/g", "/master/eq/tilt"]) targets.Add(Index(master));
        _targets = [.. targets];

        int Index(string path) => table.TryGetIndex(path, out int index)
            ? index
            : throw new InvalidOperationException($"bench moves: no parameter at {path}");
    }

    /// <summary>Parameters the moves cycle through.</summary>
    public int Targets => _targets.Length;

    /// <summary>Moves made so far.</summary>
    public long Made => _made;

    /// <summary>Makes the next <paramref name="count"/> moves. Allocates nothing.</summary>
    public void Move(int count)
    {
        for (int i = 0; i < count; i++)
        {
            long k = _made++;
            int t = (int)(k % _targets.Length);
            long pass = k / _targets.Length;
            // 11 values from 0.25 to 0.75; consecutive passes over a target never repeat its value.
            float normalized = 0.25f + 0.05f * (int)((pass * 7 + t * 3) % 11);
            _store.TrySetNormalized(_targets[t], normalized);
        }
    }
}
