using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MixConsole.ControlSurface.Tests;

/// <summary>
/// The firmware sources must compile for nanoFramework: C# 9 and none of the runtime features it lacks.
/// </summary>
public class NanoFrameworkRulesTests
{
    private static readonly string[] FirmwareFolders = ["firmware/ControlSurface.Core", "firmware/ControlSurface"];

    private static readonly HashSet<string> BannedIdentifiers =
    [
        "Span", "ReadOnlySpan", "Memory", "ReadOnlyMemory", "Task", "ValueTask", "Nullable",
        "List", "Dictionary", "HashSet", "Queue", "Stack", "IEnumerable", "Func", "Action", "Tuple", "ValueTuple",
        "Interlocked", "Stopwatch", "StringBuilder", "ArrayPool", "Unsafe", "MemoryMarshal",
    ];

    private static readonly HashSet<string> BannedNamespaces =
    [
        "System.Linq", "System.Collections.Generic", "System.Threading.Tasks", "System.Buffers", "System.Runtime.CompilerServices.Unsafe",
    ];

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Console.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Console.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Finds every construct nanoFramework cannot run; one "file:line: reason" per finding.</summary>
    public static List<string> Violations(string path, string source)
    {
        var findings = new List<string>();
        var options = new CSharpParseOptions(LanguageVersion.CSharp9);
        SyntaxTree tree = CSharpSyntaxTree.ParseText(source, options, path);
        void Report(SyntaxNode node, string reason) =>
            findings.Add($"{path}:{node.GetLocation().GetLineSpan().StartLinePosition.Line + 1}: {reason}");

        // Some language-version checks happen in the binder, so compile the lone tree and keep only those (and syntax errors).
        var compilation = CSharpCompilation.Create("probe", [tree], options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var languageErrors = compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.GetMessage().Contains("language version", StringComparison.Ordinal));
        foreach (Diagnostic d in tree.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Concat(languageErrors))
        {
            findings.Add($"{path}:{d.Location.GetLineSpan().StartLinePosition.Line + 1}: not C# 9 ({d.Id}: {d.GetMessage()})");
        }

        foreach (SyntaxNode node in tree.GetRoot().DescendantNodesAndSelf())
        {
            switch (node)
            {
                case GenericNameSyntax g:
                    Report(g, $"generic type or method '{g}' (nanoFramework has no generics)");
                    break;
                case TypeParameterListSyntax:
                    Report(node, "generic declaration (nanoFramework has no generics)");
                    break;
                case QueryExpressionSyntax:
                    Report(node, "LINQ query (no System.Linq on nanoFramework)");
                    break;
                case AwaitExpressionSyntax:
                    Report(node, "await (no async/await on nanoFramework)");
                    break;
                case MethodDeclarationSyntax m when m.Modifiers.Any(SyntaxKind.AsyncKeyword):
                    Report(node, "async method (no async/await on nanoFramework)");
                    break;
                case AnonymousFunctionExpressionSyntax f when f.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword):
                    Report(node, "async lambda (no async/await on nanoFramework)");
                    break;
                case TupleTypeSyntax:
                case TupleExpressionSyntax:
                    Report(node, "tuple (System.ValueTuple is generic; not on nanoFramework)");
                    break;
                case RecordDeclarationSyntax:
                    Report(node, "record (needs IsExternalInit and generic equality; not on nanoFramework)");
                    break;
                case AccessorDeclarationSyntax a when a.IsKind(SyntaxKind.InitAccessorDeclaration):
                    Report(node, "init accessor (needs IsExternalInit; not on nanoFramework)");
                    break;
                case ArrayRankSpecifierSyntax r when r.Rank > 1:
                    Report(node, "multidimensional array (not on nanoFramework; use jagged arrays)");
                    break;
                case NullableTypeSyntax:
                    Report(node, "nullable type 'T?' (Nullable<T> is generic; not on nanoFramework)");
                    break;
                case StackAllocArrayCreationExpressionSyntax:
                case ImplicitStackAllocArrayCreationExpressionSyntax:
                    Report(node, "stackalloc (not on nanoFramework)");
                    break;
                case RangeExpressionSyntax:
                    Report(node, "range '..' (System.Range not on nanoFramework)");
                    break;
                case PrefixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.IndexExpression):
                    Report(node, "index from end '^' (System.Index not on nanoFramework)");
                    break;
                case UnsafeStatementSyntax:
                case PointerTypeSyntax:
                case FixedStatementSyntax:
                    Report(node, "unsafe code (not on nanoFramework)");
                    break;
                case YieldStatementSyntax:
                    Report(node, "iterator 'yield' (generic IEnumerable<T> machinery; avoid on nanoFramework)");
                    break;
                case UsingDirectiveSyntax u when u.Name is not null && BannedNamespaces.Contains(u.Name.ToString()):
                    Report(node, $"'using {u.Name}' (not on nanoFramework)");
                    break;
                case IdentifierNameSyntax id when BannedIdentifiers.Contains(id.Identifier.Text):
                    Report(node, $"'{id.Identifier.Text}' (not on nanoFramework: use arrays, ArrayList, SpanByte)");
                    break;
                case MemberAccessExpressionSyntax ma when ma.Name.Identifier.Text == "GetValues" && ma.Expression.ToString() == "Enum":
                    Report(node, "Enum.GetValues (not on nanoFramework)");
                    break;
                case IdentifierNameSyntax dyn when dyn.Identifier.Text == "dynamic":
                    Report(node, "dynamic (not on nanoFramework)");
                    break;
            }
        }

        return findings;
    }

    [Fact]
    public void FirmwareSources_UseOnlyWhatNanoFrameworkRuns()
    {
        string root = RepositoryRoot();
        var files = FirmwareFolders
            .Select(f => Path.Combine(root, f))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .ToList();

        Assert.True(files.Count > 30, $"expected the firmware sources, found {files.Count} files");
        var violations = files.SelectMany(f => Violations(Path.GetRelativePath(root, f), File.ReadAllText(f))).ToList();

        Assert.True(violations.Count == 0, "constructs nanoFramework lacks:\n" + string.Join("\n", violations));
    }

    [Theory]
    [InlineData("class C { System.Collections.Generic.List<int> x; }", "generic type")]
    [InlineData("class C<T> { }", "generic declaration")]
    [InlineData("using System.Linq; class C { }", "using System.Linq")]
    [InlineData("class C { int[] a; object q = from x in a select x; }", "LINQ query")]
    [InlineData("class C { async void M() { await M2(); } object M2() => null; }", "async method")]
    [InlineData("class C { (int, int) t; }", "tuple")]
    [InlineData("record R(int X);", "record")]
    [InlineData("class C { int X { get; init; } }", "init accessor")]
    [InlineData("class C { int[,] grid; }", "multidimensional array")]
    [InlineData("class C { int? maybe; }", "nullable type")]
    [InlineData("class C { void M() { Span<byte> s = default; } }", "'Span<byte>'")]
    [InlineData("class C { object s = ReadOnlySpan.Empty; }", "'ReadOnlySpan'")]
    [InlineData("class C { object v = Enum.GetValues(typeof(C)); }", "Enum.GetValues")]
    [InlineData("namespace N; class C { }", "not C# 9")]
    [InlineData("class C { int[] a; int M() => a[^1]; }", "index from end")]
    public void Checker_FlagsEachBannedConstruct_WithFileAndLine(string source, string expected)
    {
        var findings = Violations("Probe.cs", source);

        Assert.Contains(findings, f => f.StartsWith("Probe.cs:1: ") && f.Contains(expected));
    }
}
