using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;
using Xunit;

namespace MixConsole.Engine.Tests.Parameters;

public class ParameterStoreTests
{
    private static readonly ParameterTable Table = ParameterTable.Create(ConsoleConfig.Default);
    private static readonly int Fader = Table.IndexOf("/ch/01/mix/fader");
    private static readonly int EqType = Table.IndexOf("/ch/01/eq/1/type");
    private static readonly int Ratio = Table.IndexOf("/ch/01/dyn/ratio");
    private static readonly int Name = Table.IndexOf("/ch/01/config/name");
    private static readonly int Dca = Table.IndexOf("/ch/01/grp/dca");

    [Fact]
    public void NewStore_HoldsEveryDefault_AsRealValues()
    {
        var store = new ParameterStore(Table);
        for (int i = 0; i < store.Count; i++)
        {
            var spec = Table[i].Spec;
            if (spec.Kind == ParameterKind.String)
            {
                Assert.Equal(spec.DefaultText, store.GetText(i));
            }
            else
            {
                Assert.Equal(spec.Default, store.GetReal(i));
            }
        }

        Assert.Equal("MixConsole", store.GetText(Table.IndexOf("/config/name")));
        Assert.Equal(0, store.Version);
    }

    [Fact]
    public void SetNormalized_SnapsToTheGrid_AndStoresTheRealValue()
    {
        var store = new ParameterStore(Table);
        Assert.True(store.TrySetNormalized(Fader, 0.5f));
        Assert.Equal(40.0 * 512 / 1023 - 30.0, store.GetReal(Fader), 5);
        Assert.Equal(512 / 1023f, store.GetNormalized(Fader));
        Assert.Equal(512, store.GetGridIndex(Fader));
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(-0.001f)]
    [InlineData(1.001f)]
    [InlineData(float.PositiveInfinity)]
    public void SetNormalized_RefusesValuesOffTheWireRange_AndChangesNothing(float bad)
    {
        var store = new ParameterStore(Table);
        Assert.False(store.TrySetNormalized(Fader, bad));
        Assert.Equal(Table[Fader].Spec.Default, store.GetReal(Fader));
        Assert.Equal(0, store.Version);
    }

    [Fact]
    public void SetReal_Snaps_AndRefusesOutOfRange()
    {
        var store = new ParameterStore(Table);
        int gain = Table.IndexOf("/ch/01/eq/1/g");
        Assert.True(store.TrySetReal(gain, 3.1f));
        Assert.Equal(3.0f, store.GetReal(gain));
        Assert.False(store.TrySetReal(gain, 15.5f));
        Assert.False(store.TrySetReal(gain, float.NaN));
        Assert.False(store.TrySetReal(EqType, 1.5f));
        Assert.False(store.TrySetReal(Name, 1f));
        Assert.True(store.TrySetReal(Fader, float.NegativeInfinity));
        Assert.Equal(0f, store.GetNormalized(Fader));
    }

    [Fact]
    public void SetInt_IsTheValueForEnumsAndBitmaps_AndTheGridPointForFloats()
    {
        var store = new ParameterStore(Table);
        Assert.True(store.TrySetInt(EqType, 5));
        Assert.Equal(5f, store.GetReal(EqType));
        Assert.False(store.TrySetInt(EqType, 6));
        Assert.True(store.TrySetInt(Dca, 0b1000_0001));
        Assert.Equal(129f, store.GetReal(Dca));
        Assert.False(store.TrySetInt(Dca, 256));
        Assert.True(store.TrySetInt(Ratio, 11));
        Assert.Equal(11f, store.GetReal(Ratio)); // 100:1
        Assert.False(store.TrySetInt(Ratio, 12));
        int threshold = Table.IndexOf("/ch/01/dyn/thr");
        Assert.True(store.TrySetInt(threshold, 119));
        Assert.Equal(-0.5f, store.GetReal(threshold));
        Assert.False(store.TrySetInt(threshold, 121));
        Assert.False(store.TrySetInt(Name, 1));
    }

    [Fact]
    public void SetLabel_AcceptsLabelsCaseInsensitively()
    {
        var store = new ParameterStore(Table);
        Assert.True(store.TrySetLabel(EqType, "hcut"));
        Assert.Equal(5f, store.GetReal(EqType));
        Assert.True(store.TrySetLabel(Table.IndexOf("/ch/01/mix/on"), "OFF"));
        Assert.Equal(0f, store.GetReal(Table.IndexOf("/ch/01/mix/on")));
        Assert.True(store.TrySetLabel(EqType, "VEQ"));
        Assert.Equal(3f, store.GetReal(EqType));
        Assert.False(store.TrySetLabel(EqType, "BELL"));
    }

    [Fact]
    public void SetText_KeepsNamesOutOfTheValueArray_AndChecksThem()
    {
        var store = new ParameterStore(Table);
        Assert.True(store.TrySetText(Name, "Kick In"));
        Assert.Equal("Kick In", store.GetText(Name));
        Assert.Equal(0f, store.GetReal(Name));
        Assert.False(store.TrySetText(Name, new string('x', 33)));
        Assert.False(store.TrySetText(Name, "tab\there"));
        Assert.False(store.TrySetText(Fader, "loud"));
        Assert.Equal("Kick In", store.GetText(Name));
    }

    [Fact]
    public void CollectChanges_ReportsEachChangedParameterOnce_ThenNothing()
    {
        var store = new ParameterStore(Table);
        var changed = new int[store.Count];
        long cursor = store.CurrentCursor;
        store.TrySetNormalized(Fader, 0.1f);
        store.TrySetNormalized(Fader, 0.2f);
        store.TrySetInt(EqType, 0);
        store.TrySetText(Name, "Snare");
        store.TrySetReal(Table.IndexOf("/ch/01/mix/pan"), 0f); // already the value: not a change

        int count = store.CollectChanges(ref cursor, changed);
        Assert.Equal(Sorted([EqType, Fader, Name], 3), Sorted(changed, count));
        Assert.Equal(0, store.CollectChanges(ref cursor, changed));

        store.TrySetNormalized(Fader, 0.3f);
        count = store.CollectChanges(ref cursor, changed);
        Assert.Equal([Fader], Sorted(changed, count));
    }

    // The journal's and the echo's promise: when a call moves the cursor to h, every write counted up to h has been
    // listed, even when its parameter was written again while the call ran (a fader moved without pause).
    [Fact]
    public void CollectChanges_ListsEveryWriteUpToItsCursor_WhileTheParametersKeepMoving()
    {
        var store = new ParameterStore(Table);
        var changed = new int[store.Count];
        // The table's last parameters: a call's scan reaches them last, so the window to move them in is widest.
        int[] moving = [.. Enumerable.Range(0, store.Count).Reverse().Where(i => Table[i].Spec.StepCount >= 100).Take(3)];
        var writes = new System.Collections.Concurrent.ConcurrentQueue<(long Sequence, int Index)>();
        long cursor = store.CurrentCursor;
        var writer = new Thread(() =>
        {
            for (int k = 0; k < 1_000_000; k++)
            {
                int index = moving[k % moving.Length];
                long before = store.GetChangeSequence(index);
                store.TrySetNormalized(index, (k % 1000) / 999f);
                long after = store.GetChangeSequence(index);
                if (after != before) writes.Enqueue((after, index)); // one writer: the sequence is this write's
            }
        });
        writer.Start();
        // Each call that moved the cursor: it covers the writes in (the previous call's To, To] and listed these.
        var tos = new List<long>();
        var listed = new List<int[]>();
        long checkedWrites = 0;
        bool writing = true;
        while (writing || !writes.IsEmpty)
        {
            writing = writer.IsAlive;
            long from = cursor;
            int count = store.CollectChanges(ref cursor, changed);
            if (cursor > from)
            {
                tos.Add(cursor);
                listed.Add(changed[..count]);
            }

            while (writes.TryPeek(out var write) && write.Sequence <= cursor)
            {
                writes.TryDequeue(out _);
                int call = tos.BinarySearch(write.Sequence);
                if (call < 0) call = ~call;
                Assert.True(listed[call].Contains(write.Index), $"write {write.Sequence} to {Table[write.Index].Path} was under the cursor {tos[call]} its call moved to, and not listed");
                checkedWrites++;
            }
        }

        writer.Join();
        Assert.True(checkedWrites > 0, "no write was checked");
    }

    [Fact]
    public void Version_MovesOnlyWhenAValueChanges()
    {
        var store = new ParameterStore(Table);
        store.TrySetNormalized(Fader, 0.75f);
        long version = store.Version;
        store.TrySetNormalized(Fader, 0.75f);
        Assert.Equal(version, store.Version);
        store.TrySetNormalized(Fader, 0.5f);
        Assert.Equal(version + 1, store.Version);
    }

    [Fact]
    public void CopyValuesTo_GivesTheWholeFlatArray()
    {
        var store = new ParameterStore(Table);
        store.TrySetNormalized(Fader, 0.5f);
        var snapshot = new float[store.Count];
        long version = store.CopyValuesTo(snapshot);
        Assert.Equal(store.Version, version);
        for (int i = 0; i < store.Count; i++)
        {
            Assert.Equal(store.GetReal(i), snapshot[i]);
        }

        Assert.Throws<ArgumentException>(() => store.CopyValuesTo(new float[store.Count - 1]));
    }

    [Fact]
    public void HotPaths_AllocateNothing()
    {
        var store = new ParameterStore(Table);
        var snapshot = new float[store.Count];
        var changed = new int[store.Count];
        long cursor = 0;
        int i = 0;
        Allocations.AssertNone(
            () =>
            {
                store.TrySetNormalized(Fader, (i % 10) / 10f);
                store.TrySetInt(EqType, i % 5);
                store.TrySetReal(Ratio, 6f);
                store.CopyValuesTo(snapshot);
                if (i % 100 == 0)
                {
                    store.CollectChanges(ref cursor, changed);
                }

                i++;
            },
            calls: 10_000,
            what: "ParameterStore.TrySet*, CopyValuesTo and CollectChanges");
    }

    [Fact]
    public void ConcurrentWriters_LoseNoChange_AndTheAudioCopyNeverSeesAnOffGridValue()
    {
        var store = new ParameterStore(Table);
        const int Writers = 2;
        const int WritesPerWriter = 200_000;
        int stripLength = 64;
        var collected = new HashSet<int>();
        var changed = new int[store.Count];
        long cursor = 0;
        using var stop = new CancellationTokenSource();
        var failures = new List<string>();

        var writers = new Thread[Writers];
        for (int w = 0; w < Writers; w++)
        {
            int seed = w;
            writers[w] = new Thread(() =>
            {
                var random = new Random(seed);
                for (int n = 0; n < WritesPerWriter; n++)
                {
                    // Overlapping index ranges: both writers hit the same parameters.
                    int index = random.Next(stripLength);
                    var spec = Table[index].Spec;
                    if (spec.Kind != ParameterKind.String)
                    {
                        store.TrySetNormalized(index, random.NextSingle());
                    }
                }
            });
        }

        var audio = new Thread(() =>
        {
            var snapshot = new float[store.Count];
            while (!stop.IsCancellationRequested)
            {
                store.CopyValuesTo(snapshot);
                for (int i = 0; i < stripLength; i++)
                {
                    var spec = Table[i].Spec;
                    if (spec.Kind != ParameterKind.String && spec.SnapReal(snapshot[i]) != snapshot[i])
                    {
                        lock (failures)
                        {
                            failures.Add($"{Table[i].Path} read {snapshot[i]}");
                        }
                    }
                }
            }
        });

        audio.Start();
        foreach (var writer in writers)
        {
            writer.Start();
        }

        bool running = true;
        while (running)
        {
            running = false;
            foreach (var writer in writers)
            {
                running |= writer.IsAlive;
            }

            int count = store.CollectChanges(ref cursor, changed);
            for (int i = 0; i < count; i++)
            {
                collected.Add(changed[i]);
            }
        }

        int last = store.CollectChanges(ref cursor, changed);
        for (int i = 0; i < last; i++)
        {
            collected.Add(changed[i]);
        }

        stop.Cancel();
        audio.Join();
        Assert.Empty(failures);
        Assert.Equal(store.Version, cursor);
        for (int i = 0; i < stripLength; i++)
        {
            if (store.GetChangeSequence(i) > 0)
            {
                Assert.Contains(i, collected);
            }
        }

        Assert.Equal(0, store.CollectChanges(ref cursor, changed));
    }

    [Fact]
    public void Batch_IsInvisibleToTheBatchAwareRead_UntilItCloses()
    {
        var store = new ParameterStore(Table);
        var values = new float[store.Count];
        Assert.True(store.TryCopyValuesOutsideBatch(values, out long before));
        using (store.BeginBatch())
        {
            Assert.True(store.IsBatchOpen);
            store.TrySetReal(Fader, -10);
            Assert.False(store.TryCopyValuesOutsideBatch(values, out _));
            using (store.BeginBatch())
            {
                store.TrySetReal(EqType, 3);
            }

            // The inner batch closed, the outer one is still open.
            Assert.False(store.TryCopyValuesOutsideBatch(values, out _));
        }

        Assert.False(store.IsBatchOpen);
        Assert.True(store.TryCopyValuesOutsideBatch(values, out long after));
        Assert.Equal(store.GetReal(Fader), values[Fader]);
        Assert.InRange(values[Fader], -10.1f, -9.9f);
        Assert.Equal(3, values[EqType]);
        Assert.True(after > before);
    }

    [Fact]
    public void Changed_IsRaisedPerWriteOutsideBatches_AndOncePerBatch()
    {
        var store = new ParameterStore(Table);
        int raised = 0;
        store.Changed += () => raised++;
        store.TrySetReal(Fader, -10);
        store.TrySetReal(Fader, -10); // unchanged: nothing to say
        Assert.Equal(1, raised);
        using (store.BeginBatch())
        {
            for (int i = 0; i < 20; i++) store.TrySetReal(Fader, -20 + i);
            store.TrySetText(Name, "Kick");
            Assert.Equal(1, raised);
        }

        Assert.Equal(2, raised);
    }

    [Fact]
    public void Batch_ClosedTwice_Throws()
    {
        var store = new ParameterStore(Table);
        var batch = store.BeginBatch();
        batch.Dispose();
        Assert.Throws<InvalidOperationException>(() => batch.Dispose());
        Assert.False(store.IsBatchOpen);
    }

    [Fact]
    public void OpeningAndClosingBatches_AllocatesNothing()
    {
        var store = new ParameterStore(Table);
        var values = new float[store.Count];
        store.Changed += () => { };
        int i = 0;
        // The shared count collects first, so a collection another test starts cannot bill this thread's half-used allocation context.
        Allocations.AssertNone(() =>
        {
            using (store.BeginBatch()) store.TrySetReal(Fader, i++ % 2 == 0 ? -10 : 0);
            store.TryCopyValuesOutsideBatch(values, out _);
        }, calls: 10_000, "opening a batch, setting a fader, closing it and copying the values");
    }

    private static int[] Sorted(int[] indices, int count)
    {
        var result = indices[..count];
        Array.Sort(result);
        return result;
    }
}
