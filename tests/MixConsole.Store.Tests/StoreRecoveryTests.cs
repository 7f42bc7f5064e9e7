using System.Diagnostics;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;

namespace MixConsole.Store.Tests;

/// <summary>
/// A damaged store never stops the console: it is moved aside (kept), the newest good backup takes its place, else a new
/// empty store; a second user of the folder is refused while the first holds it.
/// </summary>
public sealed class StoreRecoveryTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(StoreDamage.All), MemberType = typeof(StoreDamage))]
    public async Task ADamagedStore_IsMovedAside_AndTheBackupComesBack(Damage damage)
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
        // Recovery ends (no hang, no retry loop) however loaded the machine: a bound on the wait, not a budget.
        using (var store = await Task.Run(() => ConsoleStore.Open(folder.Path)).WaitAsync(TimeSpan.FromSeconds(120)))
        {
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
    public void AMissingStore_WithBackupsBesideIt_ComesBackFromTheNewest()
    {
        using var folder = new TempFolder();
        using (var store = ConsoleStore.Open(folder.Path))
        {
            new SceneSlots(store).Save(5, "Kept", "", new ParameterStore(ParameterTable.Create(ConsoleConfig.Default)));
            store.Backup();
        }

        File.Delete(folder.StoreFile);
        using var reopened = ConsoleStore.Open(folder.Path);
        Assert.Equal(StoreCondition.RecoveredFromBackup, reopened.Condition);
        Assert.Contains("STORE MISSING", reopened.Report);
        Assert.Equal([5], new SceneSlots(reopened).List().Select(s => s.Slot));
    }

    [Theory]
    [InlineData(11, 11, true)] // CORRUPT
    [InlineData(26, 26, true)] // NOTADB
    [InlineData(1, 1, true)] // ERROR (no schema)
    [InlineData(10, 266, true)] // IOERR_READ: bad sectors under the file
    [InlineData(13, 13, false)] // FULL
    [InlineData(8, 8, false)] // READONLY
    [InlineData(14, 14, false)] // CANTOPEN
    [InlineData(10, 778, false)] // IOERR_WRITE
    [InlineData(10, 1034, false)] // IOERR_FSYNC
    [InlineData(5, 5, false)] // BUSY
    public void OnlyErrorsAboutTheFile_CountAsDamage_NotAFullOrReadOnlyMedium(int code, int extended, bool damage)
    {
        Assert.Equal(damage, StoreRecovery.IsDamage(new Microsoft.Data.Sqlite.SqliteException("test", code, extended)));
    }

    [Fact]
    public void AStoreOnAFullDisk_IsLeftWhereItIs_AndTheOpenSaysItCannotBeUsedNow()
    {
        using var folder = new TempFolder();
        string disk = Path.Combine(folder.Path, "disk");
        Directory.CreateDirectory(disk);
        // A real full file system: a 512 KiB tmpfs (the tests run as root, as ./test does).
        var mount = Process.Start("mount", ["-t", "tmpfs", "-o", "size=512k", "tmpfs", disk])!;
        mount.WaitForExit();
        Assert.True(mount.ExitCode == 0, "mount -t tmpfs failed: this test needs root, as ./test runs");
        try
        {
            using (var store = ConsoleStore.Open(disk))
            {
                new SceneSlots(store).Save(2, "On the card", "", new ParameterStore(ParameterTable.Create(ConsoleConfig.Default)));
            }

            string db = Path.Combine(disk, ConsoleStore.FileName);
            long size = new FileInfo(db).Length;
            using (var filler = File.OpenWrite(Path.Combine(disk, "filler")))
            {
                var block = new byte[4096];
                try
                {
                    while (true) filler.Write(block);
                }
                catch (IOException)
                {
                    // full
                }
            }

            string refusal = "none: opened whole";
            try
            {
                using var store = ConsoleStore.Open(disk);
                // SQLite may open a WAL store on a full disk when the -shm and -wal files fit: then it must be whole.
                Assert.Equal(StoreCondition.Opened, store.Condition);
                Assert.Equal([2], new SceneSlots(store).List().Select(s => s.Slot));
            }
            catch (IOException e)
            {
                Assert.Contains("cannot be used now", e.Message);
                refusal = e.Message;
            }

            Assert.True(File.Exists(db) && new FileInfo(db).Length == size, "the store was moved or changed");
            Assert.False(Directory.Exists(Path.Combine(disk, "damaged")), "a sound store on a full disk was called damaged");
            output.WriteLine($"open on a full disk: {refusal}");
        }
        finally
        {
            Process.Start("umount", [disk])!.WaitForExit();
        }
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
