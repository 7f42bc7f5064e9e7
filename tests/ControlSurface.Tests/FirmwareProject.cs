using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MixConsole.ControlSurface.Tests;

/// <summary>
/// What the firmware's nanoFramework project declares (ControlSurface.nfproj and packages.config) and where the
/// compile-only facades and nanoFramework's mscorlib were built (ControlSurface.Check's output folder).
/// </summary>
public sealed class FirmwareProject
{
    private FirmwareProject(string root)
    {
        Root = root;
        string app = Path.Combine(root, "firmware", "ControlSurface");
        XDocument nfproj = XDocument.Load(Path.Combine(app, "ControlSurface.nfproj"));
        References = nfproj.Descendants().Where(e => e.Name.LocalName == "Reference")
            .Select(e => new NfReference(
                (string)e.Attribute("Include")!,
                e.Elements().Single(h => h.Name.LocalName == "HintPath").Value.Replace('\\', '/')))
            .ToList();
        SourceFiles = nfproj.Descendants().Where(e => e.Name.LocalName == "Compile")
            .SelectMany(e => Expand(app, (string)e.Attribute("Include")!, (string?)e.Attribute("Exclude")))
            .Distinct()
            .ToList();
        Packages = XDocument.Load(Path.Combine(app, "packages.config")).Root!.Elements("package")
            .Select(p => new NfPackage((string)p.Attribute("id")!, (string)p.Attribute("version")!))
            .ToList();
        Facades = Directory.GetDirectories(Path.Combine(root, "firmware", "Facades"))
            .Select(d => ReadFacade(Path.Combine(d, Path.GetFileName(d) + ".csproj")))
            .ToList();
        string configuration = typeof(FirmwareProject).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "Configuration").Value!;
        BuiltAssemblies = Path.Combine(root, "firmware", "ControlSurface.Check", "bin", configuration, "net10.0");
    }

    /// <summary>The repository root.</summary>
    public string Root { get; }

    /// <summary>The .nfproj's assembly references.</summary>
    public IReadOnlyList<NfReference> References { get; }

    /// <summary>Every source file the .nfproj compiles, its globs expanded.</summary>
    public IReadOnlyList<string> SourceFiles { get; }

    /// <summary>The packages.config entries.</summary>
    public IReadOnlyList<NfPackage> Packages { get; }

    /// <summary>The compile-only facade projects, one per assembly name.</summary>
    public IReadOnlyList<Facade> Facades { get; }

    /// <summary>ControlSurface.Check's output: nanoFramework's mscorlib.dll and every facade assembly.</summary>
    public string BuiltAssemblies { get; }

    /// <summary>Reads the project from the repository this test runs in.</summary>
    public static FirmwareProject Load() => new(NanoFrameworkRulesTests.RepositoryRoot());

    private static Facade ReadFacade(string csproj)
    {
        XDocument doc = XDocument.Load(csproj);
        string Property(string name) => doc.Descendants(name).Single().Value.Trim();
        NfPackage Parse(string text)
        {
            string[] parts = text.Trim().Split(' ');
            return new NfPackage(parts[0], parts[1]);
        }

        return new Facade(
            Path.GetFileNameWithoutExtension(csproj),
            Parse(Property("NanoPackage")),
            Property("NanoPackageDependencies").Split(';', StringSplitOptions.RemoveEmptyEntries).Select(Parse).ToList(),
            doc.Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension((string)r.Attribute("Include")!)).ToList());
    }

    // MSBuild item globs as the .nfproj uses them: '*' within a folder, '**' across folders, ';' between patterns.
    private static IEnumerable<string> Expand(string baseDir, string include, string? exclude)
    {
        Regex[] excludes = (exclude ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => GlobRegex(baseDir, p)).ToArray();
        foreach (string pattern in include.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            string normalised = pattern.Replace('\\', '/');
            if (!normalised.Contains('*'))
            {
                yield return Path.GetFullPath(Path.Combine(baseDir, normalised));
                continue;
            }

            string fixedPart = normalised[..normalised.IndexOf('*')];
            string searchRoot = Path.GetFullPath(Path.Combine(baseDir, fixedPart[..(fixedPart.LastIndexOf('/') + 1)]));
            Regex match = GlobRegex(baseDir, normalised);
            foreach (string file in Directory.EnumerateFiles(searchRoot, "*", SearchOption.AllDirectories))
            {
                if (match.IsMatch(file) && !excludes.Any(x => x.IsMatch(file)))
                {
                    yield return file;
                }
            }
        }
    }

    private static Regex GlobRegex(string baseDir, string pattern)
    {
        string full = Path.GetFullPath(Path.Combine(baseDir, pattern.Replace('\\', '/').Replace("**", "\u0001").Replace("*", "\u0002")));
        string regex = Regex.Escape(full).Replace("\u0001/", "(.*/)?").Replace("\u0001", ".*").Replace("\u0002", "[^/]*");
        return new Regex("^" + regex + "$");
    }
}

/// <summary>One assembly reference of the .nfproj.</summary>
public sealed record NfReference(string Assembly, string HintPath);

/// <summary>A NuGet package at an exact version.</summary>
public sealed record NfPackage(string Id, string Version)
{
    public override string ToString() => Id + " " + Version;
}

/// <summary>A compile-only facade: its assembly, the package it ships in, that package's nuspec dependencies, the facades it references.</summary>
public sealed record Facade(string Assembly, NfPackage Package, IReadOnlyList<NfPackage> Dependencies, IReadOnlyList<string> References);
