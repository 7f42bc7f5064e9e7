using Microsoft.Data.Sqlite;

namespace MixConsole.Store.Tests;

/// <summary>The ways a store file is found damaged after a power cut, a bad card or a careless hand.</summary>
public enum Damage { Truncated, RandomHeader, RandomPages, ZeroLength, Directory }

/// <summary>Damages a closed store file in one of the <see cref="Damage"/> ways (shared with the serve tests).</summary>
public static class StoreDamage
{
    /// <summary>Every kind of damage, for a theory.</summary>
    public static TheoryData<Damage> All => new(Enum.GetValues<Damage>());

    public static void Apply(string path, Damage damage)
    {
        SqliteConnection.ClearAllPools();
        var random = new Random((int)damage + 1);
        long length = new FileInfo(path).Length;
        switch (damage)
        {
            case Damage.Truncated:
                using (var file = File.OpenWrite(path)) file.SetLength(length / 3);
                break;
            case Damage.RandomHeader:
                Overwrite(path, 0, 100, random);
                break;
            case Damage.RandomPages:
                // Every page but the first: the b-trees' roots and leaves become noise.
                Overwrite(path, 1024, (int)(length - 1024), random);
                break;
            case Damage.ZeroLength:
                File.WriteAllBytes(path, []);
                break;
            case Damage.Directory:
                File.Delete(path);
                Directory.CreateDirectory(path);
                break;
        }
    }

    private static void Overwrite(string path, long offset, int count, Random random)
    {
        byte[] noise = new byte[count];
        random.NextBytes(noise);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.Position = offset;
        file.Write(noise);
    }
}
