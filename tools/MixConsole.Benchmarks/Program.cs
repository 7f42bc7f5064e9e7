using BenchmarkDotNet.Running;

// Kernel micro-benchmarks: dotnet run -c Release --project tools/MixConsole.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
