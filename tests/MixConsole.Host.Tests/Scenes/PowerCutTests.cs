using System.Diagnostics;
using System.Globalization;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;
using MixConsole.Store;
using Xunit.Abstractions;

namespace MixConsole.Host.Tests.Scenes;

/// <summary>
/// The power cord: serve --state driven with fader moves at about 1000/s and scene saves over OSC, killed with
/// kill -9 at a random moment, again and again. After every kill the store must pass integrity_check (opened without
/// recovery), hold every acknowledged scene exactly (name and values), and hold every fader move made more than 1 s
/// before the kill (the fader's value is that move or a later one).
/// </summary>
public sealed class PowerCutTests(ITestOutputHelper output)
{
    private const int Faders = 8;
    private const int Slots = 10;

    [Fact]
    public void KillNine_WhileMovingAndSaving_LosesNothingAcknowledged_NorAnythingOlderThanASecond() =>
        Run(maxKills: 200, budget: TimeSpan.FromSeconds(75), minKills: 5);

    [Fact]
    [Trait("Category", "Soak")]
    public void KillNine_TwoHundredTimes() => Run(maxKills: 200, budget: TimeSpan.FromMinutes(30), minKills: 200);

    private void Run(int maxKills, TimeSpan budget, int minKills)
    {
        using var dir = new TestSignals();
        string state = dir.Path("state");
        var table = ParameterTable.Create(ConsoleConfig.Default);
        int[] faders = [.. Enumerable.Range(1, Faders).Select(ch => table.IndexOf($"/ch/{ch:00}/mix/fader"))];
        // What each fader may hold: the grid index last known durable, then every move since (with its send time).
        int defaultGrid = table[faders[0]].Spec.DefaultGridIndex;
        var durable = Enumerable.Repeat(defaultGrid, Faders).ToArray();
        var expectedScenes = new Dictionary<int, (string Name, int[] Grid)>();
        var random = new Random(20261207);
        var total = Stopwatch.StartNew();
        int kills = 0;
        long moves = 0, saves = 0;
        var saveTimes = new List<double>();
        while (kills < maxKills && total.Elapsed < budget)
        {
            var history = Enumerable.Range(0, Faders).Select(_ => new List<(long Ticks, int Grid)>()).ToArray();
            var current = (int[])durable.Clone();
            (int Slot, string Name, int[] Grid)? pending = null;
            using (var serve = ServeProcess.Start(state))
            using (var client = new OscTestClient(serve.Port))
            {
                Assert.DoesNotContain("DAMAGED", serve.Err);
                var clock = Stopwatch.StartNew();
                TimeSpan killAt = TimeSpan.FromMilliseconds(300 + random.Next(2500));
                long cutoff = 0;
                // The cut comes from another thread, so it can land anywhere: mid-move, mid-save, mid-flush.
                var killer = new Thread(() =>
                {
                    Thread.Sleep(killAt);
                    Volatile.Write(ref cutoff, Stopwatch.GetTimestamp() - Stopwatch.Frequency);
                    serve.Kill();
                }) { IsBackground = true, Name = "power-cut" };
                killer.Start();
                TimeSpan nextSave = TimeSpan.FromMilliseconds(random.Next(100, 400));
                long runMoves = 0;
                while (killer.IsAlive)
                {
                    // About 1000 moves a second, each to a random fader and grid point, sent in 5 ms bursts.
                    for (; runMoves < clock.ElapsedMilliseconds; runMoves++)
                    {
                        int f = random.Next(Faders), grid = random.Next(1024);
                        client.Send(table[faders[f]].Path, grid / 1023f);
                        current[f] = grid;
                        history[f].Add((Stopwatch.GetTimestamp(), grid));
                        moves++;
                    }

                    if (clock.Elapsed >= nextSave)
                    {
                        int slot = random.Next(Slots);
                        string name = $"k{kills}s{saves}";
                        pending = (slot, name, (int[])current.Clone());
                        var sent = Stopwatch.StartNew();
                        client.Send("/save", "scene", slot, name, "notes " + name);
                        if (client.WaitFor("/save", TimeSpan.FromSeconds(5)) is ["scene", 1])
                        {
                            saveTimes.Add(sent.Elapsed.TotalMilliseconds);
                            expectedScenes[slot] = (name, pending.Value.Grid);
                            pending = null;
                            saves++;
                        }

                        nextSave = clock.Elapsed + TimeSpan.FromMilliseconds(random.Next(100, 400));
                    }

                    Thread.Sleep(5);
                }

                killer.Join();
                kills++;
                Check(state, table, faders, history, durable, Volatile.Read(ref cutoff), expectedScenes, pending, kills);
            }
        }

        using (var serve = ServeProcess.Start(state))
        {
            Assert.Contains("store   opened", serve.Err);
            Assert.Equal(0, serve.Stop());
        }

        saveTimes.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{kills} kill -9 in {total.Elapsed.TotalSeconds:0} s: {moves} fader moves, {saves} acknowledged saves; save send-to-answer median {saveTimes[saveTimes.Count / 2]:0.0} ms, 95th {saveTimes[saveTimes.Count * 95 / 100]:0.0} ms"));
        Assert.True(kills >= minKills, $"only {kills} kills in {budget}");
        Assert.True(saves > kills, $"only {saves} saves acknowledged");
    }

    private static void Check(string state, ParameterTable table, int[] faders, List<(long Ticks, int Grid)>[] history, int[] durable,
        long cutoff, Dictionary<int, (string Name, int[] Grid)> expectedScenes, (int Slot, string Name, int[] Grid)? pending, int kill)
    {
        // Opened without recovery: a store failing integrity_check or its schema would throw here.
        using var store = ConsoleStore.Open(state, recover: false);
        Assert.Equal("ok", store.IntegrityCheck());
        var live = new ParameterStore(table);
        new LiveJournal(store, live, _ => { }).Restore();
        for (int f = 0; f < faders.Length; f++)
        {
            int restored = live.GetGridIndex(faders[f]);
            var moves = history[f];
            int lastOld = moves.FindLastIndex(m => m.Ticks <= cutoff);
            // Allowed: the last move older than 1 s (or what was durable before this run), or any move after it.
            var allowed = new HashSet<int> { lastOld >= 0 ? moves[lastOld].Grid : durable[f] };
            for (int m = lastOld + 1; m < moves.Count; m++) allowed.Add(moves[m].Grid);
            Assert.True(allowed.Contains(restored),
                $"kill {kill}: {table[faders[f]].Path} came back at grid {restored}; the last move older than 1 s was {(lastOld >= 0 ? moves[lastOld].Grid : durable[f])} ({moves.Count - lastOld - 1} later moves)");
            durable[f] = restored;
        }

        var slots = new SceneSlots(store);
        foreach (int slot in expectedScenes.Keys.ToArray())
        {
            var (name, grid) = expectedScenes[slot];
            Assert.True(slots.TryGet(slot, out SceneRecord? scene), $"kill {kill}: acknowledged scene {slot} '{name}' is missing");
            if (pending is { } p && p.Slot == slot && scene!.Name == p.Name)
            {
                // An unanswered save may have landed: then it is the scene, exactly.
                expectedScenes[slot] = (p.Name, p.Grid);
                (name, grid) = (p.Name, p.Grid);
            }

            Assert.Equal(name, scene!.Name);
            Assert.Equal("notes " + name, scene.Notes);
            var recalled = new ParameterStore(table);
            Assert.True(slots.Recall(slot, recalled));
            for (int f = 0; f < faders.Length; f++)
            {
                Assert.True(grid[f] == recalled.GetGridIndex(faders[f]), $"kill {kill}: scene {slot} '{name}' {table[faders[f]].Path}: saved grid {grid[f]}, stored {recalled.GetGridIndex(faders[f])}");
            }
        }
    }
}
