using System.Diagnostics;
using System.Globalization;
using MixConsole.Store.Tests;
using Xunit.Abstractions;

namespace MixConsole.Host.Tests.Scenes;

/// <summary>serve --state on a damaged store: it starts (never a crash loop under systemd), says so loudly, and stops with 0.</summary>
public sealed class ServeDamagedStoreTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(StoreDamage.All), MemberType = typeof(StoreDamage))]
    public async Task Serve_OnADamagedStore_StartsWithTheBackup_SaysSo_AndStopsWithZero(Damage damage)
    {
        using var dir = new TestSignals();
        string state = dir.Path("state");
        string[] quiet = ["--audio", "null", "--osc-port", "0", "--http-port", "0", "--rt-priority", "0", "--no-mlock", "--state", state];
        var first = CliRun.Run(["serve", "--duration", "0.2", "--scene", Scene(dir, "first.json", 0.5), .. quiet]);
        Assert.True(first.ExitCode == 0, first.Err);
        // Keep only the first run's backup, so what recovery brings back is known: the first run's fader.
        File.Copy(Directory.GetFiles(Path.Combine(state, "backups"))[0], dir.Path("backup.db"));
        var second = CliRun.Run(["serve", "--duration", "0.2", "--scene", Scene(dir, "second.json", 0.25), .. quiet]);
        Assert.True(second.ExitCode == 0, second.Err);
        foreach (string extra in Directory.GetFiles(Path.Combine(state, "backups"))) File.Delete(extra);
        File.Copy(dir.Path("backup.db"), Path.Combine(state, "backups", "console-20000101-000000-000.db"));

        StoreDamage.Apply(Path.Combine(state, "console.db"), damage);
        var watch = Stopwatch.StartNew();
        // Recovery ends (no hang, no retry loop); how fast is a figure: a loaded machine stretches it, a bug stops it.
        var damaged = await Task.Run(() => CliRun.Run(["serve", "--duration", "0.2", "--status", "0.1", .. quiet])).WaitAsync(TimeSpan.FromSeconds(120));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{damage}: serve ran 0.2 s of audio and stopped in {watch.Elapsed.TotalSeconds:0.0} s"));
        Assert.True(damaged.ExitCode == 0, damaged.Err);
        Assert.Contains("STORE DAMAGED", damaged.Err);
        Assert.Contains("RESTORED the backup console-20000101-000000-000.db", damaged.Out);
        Assert.Contains("state   restored", damaged.Err);
        Assert.Single(Directory.GetFileSystemEntries(Path.Combine(state, "damaged"), "console-*.db"));

        // The backup's fader (0.5), not the lost run's (0.25), and the store is sound again.
        using (var store = MixConsole.Store.ConsoleStore.Open(state, recover: false))
        {
            var console = new MixConsole.Engine.Parameters.ParameterStore(MixConsole.Engine.Parameters.ParameterTable.Create(MixConsole.Engine.Configuration.ConsoleConfig.Default));
            new MixConsole.Store.LiveJournal(store, console, _ => { }).Restore();
            Assert.Equal(0.5f, console.GetNormalized(console.Table.IndexOf("/ch/01/mix/fader")), 3);
        }

        var again = CliRun.Run(["serve", "--duration", "0.2", .. quiet]);
        Assert.True(again.ExitCode == 0, again.Err);
        Assert.Contains("store   opened", again.Err);
    }

    private static string Scene(TestSignals dir, string name, double fader)
    {
        string path = dir.Path(name);
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $$"""{ "parameters": { "/ch/01/mix/fader": {{fader}} } }"""));
        return path;
    }

    [Fact]
    public void Status_SaysTheStoreWasDamaged_UnderTheConsolesOwnName_AndIsTheX32sThreeStringsOtherwise()
    {
        using var dir = new TestSignals();
        string state = dir.Path("state");
        using (var store = MixConsole.Store.ConsoleStore.Open(state)) store.Backup();
        using (var serve = ServeProcess.Start(state))
        using (var client = new OscTestClient(serve.Port))
        {
            client.Send("/status");
            Assert.Equal(3, client.WaitFor("/status", TimeSpan.FromSeconds(10))!.Length);
            Assert.Equal(0, serve.Stop());
        }

        StoreDamage.Apply(Path.Combine(state, "console.db"), Damage.RandomHeader);
        using (var serve = ServeProcess.Start(state))
        using (var client = new OscTestClient(serve.Port))
        {
            client.Send("/status");
            object[] status = client.WaitFor("/status", TimeSpan.FromSeconds(10))!;
            output.WriteLine(string.Join(" | ", status));
            Assert.Equal("active", status[0]);
            Assert.Contains("STORE DAMAGED", Assert.IsType<string>(status[3]));
            Assert.Equal(0, serve.Stop());
        }
    }
}
