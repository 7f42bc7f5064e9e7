using BenchmarkDotNet.Running;
using MixConsole.Benchmarks;

// Kernel micro-benchmarks: dotnet run -c Release --project tools/MixConsole.Benchmarks -- --filter '*'
// Limiter old-vs-new in one process: dotnet run -c Release --project tools/MixConsole.Benchmarks -- limiter-compare
if (args.Length > 0 && args[0] == "limiter-compare")
    LimiterComparison.Run(args);
else
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
