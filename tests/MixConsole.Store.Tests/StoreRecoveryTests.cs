using System.Diagnostics;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;

namespace MixConsole.Store.Tests;

/// <summary>
/// A damaged store never stops the console: it is moved aside (kept), the newest good backup takes its place, else a new
/// empty store; a second user of the folder is refused while the first holds it.
/// </summary>
public sealed class StoreRecoveryTests
{
    [Theory]
    [MemberData(nameof(StoreDamage.All), MemberType = typeof(StoreDamage))]
    public void ADamagedStore_IsMovedAside_AndTheBackupComesBack(Damage damage)
    {
        using var folder = new TempFolder();
        var console = new ParameterStore(ParameterTable.Create(ConsoleConfig.Default));
        using (var store = ConsoleStore.Open(folder.Path))
        {
            var slots = new SceneSlots(store);
            slots.Save(7, "Backed up", "", console);
            store.Backup();
            for (int slot = 10; slot < 40; slot++) slots.Save(slot, "After the backup", "", console);
        }

        StoreDamage.Apply(folder.StoreFile, damage);
        var watch = Stopwatch.StartNew();
        using (var store = ConsoleStore.Open(folder.Path))
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"recovery took {watch.Elapsed}");
            Assert.Equal(StoreCondition.RecoveredFromBackup, store.Condition);
            Assert.Contains("STORE DAMAGED", store.Report);
            Assert.Equal("ok", store.IntegrityCheck());
            Assert.Equal([7], new SceneSlots(store).List().Select(s => s.Slot));
        }

        var kept = Directory.GetFileSystemEntries(Path.Combine(folder.Path, "damaged"), "console-*.db");
        Assert.Single(kept);
    }

    [Theory]
    [InlineData(Damage.RandomHeader)]
    [InlineData(Damage.Directory)]
    public void ADamagedStore_WithNoBackup_StartsFromDefaults(Damage damage)
    {
        using var folder = new TempFolder();
        using (var store = ConsoleStore.Open(folder.Path))
        {
            new SceneSlots(store).Save(3, "Lost", "", new ParameterStore(ParameterTable.Create(ConsoleConfig.Default)));
        }

        StoreDamage.Apply(folder.StoreFile, damage);
        using var reopened = ConsoleStore.Open(folder.Path);
        Assert.Equal(StoreCondition.StartedFromDefaults, reopened.Condition);
        Assert.Contains("STARTED FROM DEFAULTS", reopened.Report);
        Assert.Empty(new SceneSlots(reopened).List());
    }

    [Fact]
    public void WithoutRecovery_ADamagedStoreIsRefused_AndLeftWhereItIs()
    {
        using var folder = new TempFolder();
        using (ConsoleStore.Open(folder.Path)) { }
        StoreDamage.Apply(folder.StoreFile, Damage.RandomHeader);
        var e = Assert.Throws<StoreDamagedException>(() => ConsoleStore.Open(folder.Path, recover: false));
        Assert.Contains("damaged", e.Message);
        Assert.True(File.Exists(folder.StoreFile));
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "damaged")));
    }

    [Fact]
    public void ASecondUser_IsRefusedWhileTheFirstHoldsTheFolder_AndAdmittedAfter()
    {
        using var folder = new TempFolder();
        using (ConsoleStore.Open(folder.Path))
        {
            var e = Assert.Throws<StoreLockedException>(() => ConsoleStore.Open(folder.Path));
            Assert.Contains("in use by a running console", e.Message);
        }

        using var again = ConsoleStore.Open(folder.Path);
        Assert.Equal(StoreCondition.Opened, again.Condition);
    }

    [Fact]
    public void Backups_Rotate_KeepingTheNewestSeven()
    {
        using var folder = new TempFolder();
        using var store = ConsoleStore.Open(folder.Path);
        for (int i = 0; i < 10; i++) store.Backup();
        Assert.Equal(7, Directory.GetFiles(Path.Combine(folder.Path, "backups"), "console-*.db").Length);
    }
}
