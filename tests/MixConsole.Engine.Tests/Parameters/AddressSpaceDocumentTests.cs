using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;
using Xunit;

namespace MixConsole.Engine.Tests.Parameters;

public class AddressSpaceDocumentTests
{
    [Fact]
    public void AddressSpaceDocument_CheckedInFile_MatchesTheTable()
    {
        string path = Path.Combine(RepositoryRoot(), AddressSpaceDocument.RelativePath);
        string generated = AddressSpaceDocument.Generate();
        if (Environment.GetEnvironmentVariable("UPDATE_ADDRESS_SPACE") == "1")
        {
            File.WriteAllText(path, generated);
        }

        string checkedIn = File.Exists(path) ? File.ReadAllText(path) : "";
        Assert.True(
            checkedIn == generated,
            $"{AddressSpaceDocument.RelativePath} is stale (the parameter table changed). Regenerate it from the repository root with:\n  {AddressSpaceDocument.RegenerateCommand}\nthen commit the file.");
    }

    [Fact]
    public void AddressSpaceDocument_CollapsesInstancesIntoRanges()
    {
        string text = AddressSpaceDocument.Generate();
        Assert.Contains("| `/ch/[01..32]/mix/fader` | float (f) | -inf dB .. +10.0 dB | dB | 1024 | -0.0 dB = 0.7498 | fader law |", text, StringComparison.Ordinal);
        Assert.Contains("`/ch/[01..32]/mix/[01..16]/level`", text, StringComparison.Ordinal);
        Assert.Contains("`/config/chlink/31-32`", text, StringComparison.Ordinal);
        Assert.Contains("`/ch/[01..32]/eq/[2..3]/type`", text, StringComparison.Ordinal);
        Assert.Contains("`/dca/[1..8]/fader`", text, StringComparison.Ordinal);
        Assert.Contains("linear, step 0.25", text, StringComparison.Ordinal);
        Assert.DoesNotContain("`/ch/01/mix/fader`", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AddressSpaceDocument_CoversEveryParameterExactlyOnce()
    {
        // Expanding every row's ranges gives back the table's paths, no more, no fewer.
        var table = ParameterTable.Create(ConsoleConfig.Default);
        var expanded = new List<string>();
        foreach (string line in AddressSpaceDocument.Generate(table).Split('\n'))
        {
            if (line.StartsWith("| `/", StringComparison.Ordinal))
            {
                string pattern = line[3..line.IndexOf('`', 3)];
                Expand(pattern, expanded);
            }
        }

        var paths = new List<string>();
        foreach (var p in table.Parameters)
        {
            paths.Add(p.Path);
        }

        expanded.Sort(StringComparer.Ordinal);
        paths.Sort(StringComparer.Ordinal);
        Assert.Equal(paths, expanded);
    }

    private static void Expand(string pattern, List<string> into)
    {
        int open = pattern.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            into.Add(pattern);
            return;
        }

        int close = pattern.IndexOf(']', open);
        string inside = pattern[(open + 1)..close];
        // A list of numbers and runs: [01..64,73..80], [01..31 by 2], [1,5,9].
        var numbers = new List<string>();
        foreach (string item in inside.Split(','))
        {
            if (!item.Contains("..", StringComparison.Ordinal))
            {
                numbers.Add(item);
                continue;
            }

            string[] byParts = item.Split(" by ");
            string[] ends = byParts[0].Split("..");
            int step = byParts.Length > 1 ? int.Parse(byParts[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
            int first = int.Parse(ends[0], System.Globalization.CultureInfo.InvariantCulture);
            int last = int.Parse(ends[1], System.Globalization.CultureInfo.InvariantCulture);
            for (int n = first; n <= last; n += step)
            {
                numbers.Add(n.ToString(new string('0', ends[0].Length), System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        foreach (string n in numbers)
        {
            Expand(pattern[..open] + n + pattern[(close + 1)..], into);
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Console.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Console.sln not found above " + AppContext.BaseDirectory);
    }
}
