using System.Runtime.CompilerServices;

// Lane kernels and strip banks are internal; their tests compare SIMD and scalar paths directly.
[assembly: InternalsVisibleTo("MixConsole.Engine.Tests")]
[assembly: InternalsVisibleTo("MixConsole.Benchmarks")]
