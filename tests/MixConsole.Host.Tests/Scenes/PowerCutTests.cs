using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;
using MixConsole.Store;
using Xunit.Abstractions;

namespace MixConsole.Host.Tests.Scenes;

/// <summary>
/// The power cord: serve --state driven with fader moves at about 1000/s and scene saves over OSC, killed with
/// kill -9 at a random moment, again and again. After every kill the store must pass integrity_check (opened without
/// recovery), hold every acknowledged scene exactly (name and values), and hold every fader move the journal had
/// taken in by its last commit (the fader's value is that move or a later one). How far the journal got is read from
/// the store itself, not from a clock: between the moves the client sets markers (channel send levels, each set once
/// per run, in order), so the newest marker in the store says which moves the server had applied before that commit
/// collected its changes; the markers found are a prefix, and how old the newest was at the kill is reported. Each
/// run's first save is answered before the cut is armed; at the end a change must show in the store while the console
/// runs, so a journal that wrote only at a clean stop fails.
/// </summary>
public sealed class PowerCutTests(ITestOutputHelper output)
{
    private const int Faders = 8;
    private const int Slots = 10;

    [Fact]
    public void KillNine_WhileMovingAndSaving_LosesNothingAcknowledged_NorAnythingTheJournalHadTakenIn() =>
        Run(maxKills: 200, budget: TimeSpan.FromSeconds(75), minKills: 5);

    [Fact]
    [Trait("Category", "Soak")]
    public void KillNine_TwoHundredTimes() => Run(maxKills: 200, budget: TimeSpan.FromMinutes(30), minKills: 200);

    // Kills go on past the budget until minKills: a loaded machine makes the test longer, never weaker.
    private void Run(int maxKills, TimeSpan budget, int minKills)
    {
        using var dir = new TestSignals();
        string state = dir.Path("state");
        var table = ParameterTable.Create(ConsoleConfig.Default);
        int[] faders = [.. Enumerable.Range(1, Faders).Select(ch => table.IndexOf($"/ch/{ch:00}/mix/fader"))];
        int[] markers = [.. Enumerable.Range(0, table.Count).Where(i => table[i].Key is { Owner: ParameterOwner.Channel, Role: ParameterRole.SendLevel })];
        // What each fader may hold: the grid index last known durable, then every move since (with the markers sent before it).
        int defaultGrid = table[faders[0]].Spec.DefaultGridIndex;
        var durable = Enumerable.Repeat(defaultGrid, Faders).ToArray();
        var expectedScenes = new Dictionary<int, (string Name, int[] Grid)>();
        var random = new Random(20261207);
        var total = Stopwatch.StartNew();
        int kills = 0, killsWithMarkers = 0, killsWithDrops = 0;
        long moves = 0, saves = 0;
        var saveTimes = new List<double>();
        var lags = new List<double>();
        while (kills < maxKills && (total.Elapsed < budget || kills < minKills))
        {
            var history = Enumerable.Range(0, Faders).Select(_ => new List<(int MarkersBefore, int Grid)>()).ToArray();
            var markerSent = new List<long>();
            // Each run sets its markers to a grid point no earlier run used, so a marker in the store is this run's.
            int markerGrid = 1 + (kills % (table[markers[0]].Spec.StepCount - 1));
            var current = (int[])durable.Clone();
            (int Slot, string Name, int[] Grid)? pending = null;
            bool Save(OscTestClient client, Func<object[]?> answer)
            {
                int slot = random.Next(Slots);
                string name = $"k{kills}s{saves}";
                pending = (slot, name, (int[])current.Clone());
                var sent = Stopwatch.StartNew();
                client.Send("/save", "scene", slot, name, "notes " + name);
                if (answer() is not ["scene", 1]) return false;
                saveTimes.Add(sent.Elapsed.TotalMilliseconds);
                expectedScenes[slot] = (name, pending.Value.Grid);
                pending = null;
                saves++;
                return true;
            }

            using (var serve = ServeProcess.Start(state))
            using (var client = new OscTestClient(serve.Port))
            {
                Assert.DoesNotContain("DAMAGED", serve.Err);
                // One save answered before the cut is armed, so every run has an acknowledged scene to keep, however
                // long a loaded machine makes a synced commit; the later ones may be cut mid-way.
                Assert.True(Save(client, () => client.WaitFor("/save", TimeSpan.FromSeconds(60))), "the first save of the run was not answered");
                var clock = Stopwatch.StartNew();
                TimeSpan killAt = TimeSpan.FromMilliseconds(300 + random.Next(2500));
                long killedAt = 0, drops = 0;
                // The cut comes from another thread, so it can land anywhere: mid-move, mid-save, mid-flush.
                var killer = new Thread(() =>
                {
                    Thread.Sleep(killAt);
                    Volatile.Write(ref drops, UdpDrops(serve.Port));
                    Volatile.Write(ref killedAt, Stopwatch.GetTimestamp());
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
                        history[f].Add((markerSent.Count, grid));
                        moves++;
                    }

                    if (markerSent.Count < markers.Length)
                    {
                        client.Send(table[markers[markerSent.Count]].Path, markerGrid / 1023f);
                        markerSent.Add(Stopwatch.GetTimestamp());
                    }

                    if (clock.Elapsed >= nextSave)
                    {
                        Save(client, () => AwaitSave(client, killer));
                        nextSave = clock.Elapsed + TimeSpan.FromMilliseconds(random.Next(100, 400));
                    }

                    Thread.Sleep(5);
                }

                killer.Join();
                kills++;
                // A datagram the server's full socket dropped never reached the console: nothing to hold it to.
                bool dropped = Volatile.Read(ref drops) > 0;
                killsWithDrops += dropped ? 1 : 0;
                int newest = Check(state, table, faders, history, durable, markers, markerSent.Count, markerGrid, expectedScenes, pending, kills, dropped);
                if (newest >= 0)
                {
                    killsWithMarkers++;
                    lags.Add(Stopwatch.GetElapsedTime(markerSent[newest], Volatile.Read(ref killedAt)).TotalMilliseconds);
                }
            }
        }

        // The journal writes while the console runs, not only when it stops: a change shows in the store, read beside
        // the running console, before it is stopped.
        int probe = markers[^1], probeGrid = 1 + (kills % (table[probe].Spec.StepCount - 1));
        using (var serve = ServeProcess.Start(state))
        using (var client = new OscTestClient(serve.Port))
        {
            Assert.Contains("store   opened", serve.Err);
            client.Send(table[probe].Path, probeGrid / 1023f);
            var waited = Stopwatch.StartNew();
            while (StoredGrid(state, table, probe) != probeGrid)
            {
                Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), $"{table[probe].Path} did not reach the store in 60 s of running");
                Thread.Sleep(50);
            }

            Assert.Equal(0, serve.Stop());
        }

        saveTimes.Sort();
        lags.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{kills} kill -9 in {total.Elapsed.TotalSeconds:0} s: {moves} fader moves, {saves} acknowledged saves; save send-to-answer median {Percentile(saveTimes, 50):0.0} ms, 95th {Percentile(saveTimes, 95):0.0} ms"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"the journal held markers of the run after {killsWithMarkers} kills; the newest one's age at the kill: median {Percentile(lags, 50):0} ms, 95th {Percentile(lags, 95):0} ms, most {Percentile(lags, 100):0} ms; {killsWithDrops} runs lost datagrams in the server's socket"));
    }

    // What the running console's store holds for one parameter, read through a read-only connection of its own.
    private static int? StoredGrid(string state, ParameterTable table, int index)
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(state, ConsoleStore.FileName)};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT real FROM live WHERE path = $path";
        command.Parameters.AddWithValue("$path", table[index].Path);
        return command.ExecuteScalar() is double real ? table[index].Spec.GridIndexOfReal((float)real) : null;
    }

    private static double Percentile(List<double> sorted, int percent) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, sorted.Count * percent / 100)];

    // The drops column of the server's socket in /proc/net/udp (0 when it is not there, as off Linux).
    private static long UdpDrops(int port)
    {
        if (!File.Exists("/proc/net/udp")) return 0;
        string local = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
        foreach (string line in File.ReadLines("/proc/net/udp").Skip(1))
        {
            string[] columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length > 12 && columns[1].EndsWith(local, StringComparison.Ordinal)) return long.Parse(columns[^1], CultureInfo.InvariantCulture);
        }

        return 0;
    }

    // The answer to a save, however long a loaded machine takes, unless the cut came first.
    private static object[]? AwaitSave(OscTestClient client, Thread killer)
    {
        object[]? answer = null;
        while (answer is null && killer.IsAlive) answer = client.WaitFor("/save", TimeSpan.FromMilliseconds(200));
        return answer ?? client.WaitFor("/save", TimeSpan.FromMilliseconds(200));
    }

    /// <summary>Checks the store after one kill; returns the newest marker of the run it holds, or -1.</summary>
    private static int Check(string state, ParameterTable table, int[] faders, List<(int MarkersBefore, int Grid)>[] history, int[] durable,
        int[] markers, int markersSent, int markerGrid, Dictionary<int, (string Name, int[] Grid)> expectedScenes,
        (int Slot, string Name, int[] Grid)? pending, int kill, bool dropped)
    {
        // Opened without recovery: a store failing integrity_check or its schema would throw here.
        using var store = ConsoleStore.Open(state, recover: false);
        Assert.Equal("ok", store.IntegrityCheck());
        var live = new ParameterStore(table);
        new LiveJournal(store, live, _ => { }).Restore();

        // Markers went out in order and each changed once, so a commit that collected one had every earlier one.
        int newest = -1;
        for (int m = 0; m < markersSent; m++)
        {
            if (live.GetGridIndex(markers[m]) == markerGrid) newest = m;
        }

        for (int m = 0; m < newest && !dropped; m++)
        {
            Assert.True(live.GetGridIndex(markers[m]) == markerGrid, $"kill {kill}: marker {m} ({table[markers[m]].Path}) is missing, marker {newest} is there");
        }

        for (int f = 0; f < faders.Length; f++)
        {
            int restored = live.GetGridIndex(faders[f]);
            var moves = history[f];
            // The last move sent before the newest marker the store holds: the journal had it when it took that marker.
            int lastIn = moves.FindLastIndex(m => m.MarkersBefore <= newest);
            var allowed = new HashSet<int> { lastIn >= 0 ? moves[lastIn].Grid : durable[f] };
            for (int m = lastIn + 1; m < moves.Count; m++) allowed.Add(moves[m].Grid);
            Assert.True(dropped || allowed.Contains(restored),
                $"kill {kill}: {table[faders[f]].Path} came back at grid {restored}; the last move before marker {newest} was {(lastIn >= 0 ? moves[lastIn].Grid : durable[f])} ({moves.Count - lastIn - 1} later moves)");
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
            int[] stored = [.. faders.Select(recalled.GetGridIndex)];
            // A scene saved in a run that lost datagrams holds what the console had, not what was sent: kept from here on.
            if (dropped && name.StartsWith($"k{kill - 1}s", StringComparison.Ordinal)) expectedScenes[slot] = (name, grid = stored);
            for (int f = 0; f < faders.Length; f++)
            {
                Assert.True(grid[f] == stored[f], $"kill {kill}: scene {slot} '{name}' {table[faders[f]].Path}: saved grid {grid[f]}, stored {stored[f]}");
            }
        }

        return newest;
    }
}
