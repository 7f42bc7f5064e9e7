using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MixConsole.ControlSurface.Tests;

/// <summary>
/// The firmware compiles as the nanoFramework toolchain compiles it: the .nfproj's sources against nanoFramework's
/// own mscorlib (nanoFramework.CoreLibrary 1.17.11) and exactly the assemblies the .nfproj references, with no .NET
/// library at all; and the .nfproj, packages.config and the facades agree.
/// </summary>
public class FirmwareCompileTests
{
    private static readonly FirmwareProject Project = FirmwareProject.Load();

    [Fact]
    public void Firmware_CompilesAgainstRealMscorlib_WithOnlyTheNfprojReferences()
    {
        var errors = Errors(Compile(Sources(), Project.References.Select(r => r.Assembly)));

        Assert.True(errors.Count == 0, "the firmware does not compile for nanoFramework:\n" + string.Join("\n", errors));
    }

    [Fact]
    public void TheCompile_UsesNanoFrameworksMscorlib_NotDotNets()
    {
        var mscorlib = MetadataReference.CreateFromFile(Path.Combine(Project.BuiltAssemblies, "mscorlib.dll"));
        var compilation = CSharpCompilation.Create("probe", references: [mscorlib]);
        var identity = ((IAssemblySymbol)compilation.GetAssemblyOrModuleSymbol(mscorlib)!).Identity;

        Assert.Equal("mscorlib", identity.Name);
        Assert.Equal(new Version(1, 17, 11, 0), identity.Version);
        Assert.Null(compilation.GetTypeByMetadataName("System.Linq.Enumerable"));
        Assert.NotNull(compilation.GetTypeByMetadataName("System.SpanByte"));
    }

    [Fact]
    public void PlantedLinq_FailsTheCompile()
    {
        const string planted = "using System.Linq;\nnamespace Planted { static class P { static int Count(int[] a) { return a.Count(x => x > 0); } } }";

        var errors = Errors(Compile(Sources().Add(Parse(planted, "Planted.cs")), Project.References.Select(r => r.Assembly)));

        Assert.Contains(errors, e => e.StartsWith("Planted.cs(1,") && e.Contains("CS0234") && e.Contains("Linq"));
    }

    [Fact]
    public void PlantedUseOfAnAssemblyTheNfprojLacks_FailsTheCompile()
    {
        // System.Diagnostics.Stopwatch ships in nanoFramework.System.Diagnostics.Stopwatch, which the .nfproj does not reference.
        const string planted = "namespace Planted { static class P { static long Ms() { return System.Diagnostics.Stopwatch.StartNew().ElapsedMilliseconds; } } }";

        var errors = Errors(Compile(Sources().Add(Parse(planted, "Planted.cs")), Project.References.Select(r => r.Assembly)));

        Assert.Contains(errors, e => e.StartsWith("Planted.cs(1,") && e.Contains("Stopwatch"));
    }

    [Theory]
    [InlineData("nanoFramework.Runtime.Native", "'Environment'")]
    [InlineData("System.Threading", "CancellationTokenSource")]
    public void DroppingAReferenceTheFirmwareUses_FailsTheCompile(string dropped, string missingApi)
    {
        var references = Project.References.Select(r => r.Assembly).Where(a => a != dropped);

        var errors = Errors(Compile(Sources(), references));

        Assert.Contains(errors, e => e.Contains(missingApi));
    }

    [Fact]
    public void FlashedImage_LeavesOutTheSimulatorsVirtualHardware()
    {
        string virtualFolder = Path.Combine("firmware", "ControlSurface.Core", "Virtual") + Path.DirectorySeparatorChar;
        string[] relative = Project.SourceFiles.Select(f => Path.GetRelativePath(Project.Root, f)).ToArray();

        Assert.DoesNotContain(relative, f => f.StartsWith(virtualFolder, StringComparison.Ordinal));
        Assert.Contains(Path.Combine("firmware", "ControlSurface.Core", "Engine", "SurfaceEngine.cs"), relative);
        Assert.Contains(Path.Combine("firmware", "ControlSurface", "Program.cs"), relative);
        Assert.True(Directory.GetFiles(Path.Combine(Project.Root, virtualFolder)).Length > 0, "the simulator's Virtual/ folder moved");
    }

    [Fact]
    public void PackagesConfig_NfprojReferences_AndFacades_Agree()
    {
        var problems = new List<string>();
        var packages = Project.Packages.ToDictionary(p => p.Id, p => p.Version);
        var facades = Project.Facades.ToDictionary(f => f.Assembly);

        // One Reference per package, each with the HintPath a packages.config restore lays out.
        foreach (NfReference r in Project.References)
        {
            NfPackage? owner = r.Assembly == "mscorlib"
                ? new NfPackage("nanoFramework.CoreLibrary", packages.GetValueOrDefault("nanoFramework.CoreLibrary", "?"))
                : facades.TryGetValue(r.Assembly, out Facade? f) ? f.Package : null;
            if (owner is null)
            {
                problems.Add($"Reference {r.Assembly} has no facade in firmware/Facades");
                continue;
            }

            string expected = $"../packages/{owner.Id}.{owner.Version}/lib/{r.Assembly}.dll";
            if (r.HintPath != expected)
            {
                problems.Add($"Reference {r.Assembly}: HintPath {r.HintPath}, expected {expected}");
            }
        }

        var referencedPackages = Project.References.Select(r => r.HintPath.Split('/')[2]).ToHashSet();
        foreach (NfPackage p in Project.Packages.Where(p => !referencedPackages.Contains(p.Id + "." + p.Version)))
        {
            problems.Add($"package {p} has no Reference in the .nfproj (deploy copies only referenced assemblies)");
        }

        // Every facade is referenced, ships in a listed package, and that package's dependencies are listed at exactly their versions.
        foreach (Facade f in Project.Facades)
        {
            if (!Project.References.Any(r => r.Assembly == f.Assembly))
            {
                problems.Add($"facade {f.Assembly} is not referenced by the .nfproj");
            }

            if (packages.GetValueOrDefault(f.Package.Id) != f.Package.Version)
            {
                problems.Add($"facade {f.Assembly} copies {f.Package}, packages.config has {packages.GetValueOrDefault(f.Package.Id, "nothing")}");
            }

            foreach (NfPackage d in f.Dependencies)
            {
                if (packages.GetValueOrDefault(d.Id) != d.Version)
                {
                    problems.Add($"{f.Package} depends on {d}, packages.config has {packages.GetValueOrDefault(d.Id, "nothing")}");
                }
            }

            NfPackage? core = f.Dependencies.SingleOrDefault(d => d.Id == "nanoFramework.CoreLibrary");
            if (core is null || !core.Version.StartsWith("1.17.", StringComparison.Ordinal))
            {
                problems.Add($"{f.Package} is built on CoreLibrary {core?.Version ?? "?"}: the 1.17 runtime refuses to load it");
            }

            problems.AddRange(f.References.Where(r => !facades.ContainsKey(r)).Select(r => $"facade {f.Assembly} references unknown {r}"));
        }

        if (!packages.GetValueOrDefault("nanoFramework.CoreLibrary", "").StartsWith("1.17.", StringComparison.Ordinal))
        {
            problems.Add("packages.config must pin nanoFramework.CoreLibrary 1.17.x");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void CheckProject_BuildsEveryFacade()
    {
        string[] built = Project.Facades.Select(f => f.Assembly).Where(a => File.Exists(Path.Combine(Project.BuiltAssemblies, a + ".dll"))).ToArray();

        Assert.Equal(Project.Facades.Select(f => f.Assembly).Order(), built.Order());
    }

    private static ImmutableArray<SyntaxTree> Sources() =>
        Project.SourceFiles.Select(f => Parse(File.ReadAllText(f), Path.GetRelativePath(Project.Root, f))).ToImmutableArray();

    private static SyntaxTree Parse(string source, string path) =>
        CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp9), path);

    private static CSharpCompilation Compile(IEnumerable<SyntaxTree> sources, IEnumerable<string> assemblies)
    {
        // No framework reference: mscorlib is nanoFramework's, every other assembly a facade of the real one.
        var references = assemblies.Select(a => MetadataReference.CreateFromFile(Path.Combine(Project.BuiltAssemblies, a + ".dll")));
        return CSharpCompilation.Create(
            "MixConsole.ControlSurface",
            sources,
            references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Disable));
    }

    private static List<string> Errors(CSharpCompilation compilation) =>
        compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d =>
            {
                var span = d.Location.GetLineSpan();
                return $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {d.Id} {d.GetMessage()}";
            })
            .ToList();
}
