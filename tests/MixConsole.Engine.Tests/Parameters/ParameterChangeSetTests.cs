using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Tests.Parameters;

public sealed class ParameterChangeSetTests
{
    private static readonly ParameterStore Template = new(ParameterTable.Create(new ConsoleConfig(Channels: 4, Buses: 2, FxSlots: 1)));

    private static ParameterStore NewStore() => new(Template.Table);

    private static int[] Take(ParameterChangeSet set, int count)
    {
        var indices = new int[count];
        return indices[..set.Take(indices)];
    }

    [Fact]
    public void ChangeSet_HandsOutEachWrittenParameterOnce_InIndexOrder_AndNoUnchangedWrite()
    {
        var store = NewStore();
        var set = store.TrackChanges();
        int fader = store.Table.IndexOf("/ch/03/mix/fader"), pan = store.Table.IndexOf("/ch/01/mix/pan"), last = store.Count - 1;
        store.TrySetReal(fader, -10);
        store.TrySetReal(fader, -12);
        store.TrySetReal(pan, 30);
        store.TrySetReal(store.Table.IndexOf("/ch/02/mix/fader"), store.GetReal(store.Table.IndexOf("/ch/02/mix/fader"))); // no change
        store.TrySetNormalized(last, store.GetNormalized(last) == 0 ? 1 : 0);

        Assert.True(store.TryCopyChangesOutsideBatch(set, new float[store.Count], out long version));
        Assert.Equal(store.Version, version);
        Assert.Equal(new[] { pan, fader, last }.Order(), Take(set, store.Count));
        Assert.Empty(Take(set, store.Count));
    }

    [Fact]
    public void ChangeSet_KeepsWhatAFailedCopyCollected_AndEachReaderHasItsOwn()
    {
        var store = NewStore();
        var first = store.TrackChanges();
        var second = store.TrackChanges();
        var values = new float[store.Count];
        int trim = store.Table.IndexOf("/ch/01/preamp/trim"), eq = store.Table.IndexOf("/ch/04/eq/2/g");
        store.TrySetReal(trim, 6);
        using (store.BeginBatch())
        {
            store.TrySetReal(eq, 4);
            Assert.False(store.TryCopyChangesOutsideBatch(first, values, out _));
        }

        Assert.True(store.TryCopyChangesOutsideBatch(first, values, out _));
        Assert.Equal(4f, values[eq]);
        Assert.Equal(new[] { trim, eq }.Order(), Take(first, store.Count));
        Assert.True(store.TryCopyChangesOutsideBatch(second, values, out _));
        Assert.Equal(new[] { trim, eq }.Order(), Take(second, store.Count));
    }

    [Fact]
    public void AfterTheFirstWholeCopy_OnlyChangedValuesAreCopied_AndTheCopyAlwaysEqualsTheStore()
    {
        var store = NewStore();
        var set = store.TrackChanges();
        var values = new float[store.Count];
        var random = new Random(7);
        int unchanged = store.Table.IndexOf("/ch/02/mix/fader");
        Assert.True(store.TryCopyChangesOutsideBatch(set, values, out _));
        Assert.Equal(store.GetReal(unchanged), values[unchanged]);
        // The reader's copy is its own: a value nobody wrote is not copied again.
        values[unchanged] = 12345f;
        for (int round = 0; round < 200; round++)
        {
            bool inBatch = round % 5 == 0;
            ParameterBatch batch = inBatch ? store.BeginBatch() : default;
            for (int k = 0; k < 1 + random.Next(8); k++)
            {
                int index = random.Next(store.Count);
                if (index != unchanged) store.TrySetNormalized(index, (float)random.NextDouble());
            }

            if (inBatch)
            {
                Assert.False(store.TryCopyChangesOutsideBatch(set, values, out _));
                batch.Dispose();
            }

            Assert.True(store.TryCopyChangesOutsideBatch(set, values, out _));
            set.Take(new int[store.Count]);
            for (int i = 0; i < store.Count; i++)
                if (i != unchanged) Assert.True(BitConverter.SingleToInt32Bits(store.GetReal(i)) == BitConverter.SingleToInt32Bits(values[i]), $"round {round}: parameter {i}");
        }

        Assert.Equal(12345f, values[unchanged]);
    }
}
