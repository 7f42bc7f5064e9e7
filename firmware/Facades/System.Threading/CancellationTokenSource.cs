// Facade of System.Threading (package nanoFramework.System.Threading): nanoframework/System.Threading at v1.1.52,
// nanoFramework.System.Threading/Threading/CancellationTokenSource.cs. Signatures as published; bodies throw.
namespace System.Threading
{
    public class CancellationTokenSource : IDisposable
    {
        public CancellationTokenSource() => throw null;

        public CancellationTokenSource(int millisecondsDelay) => throw null;

        public CancellationTokenSource(TimeSpan delay) => throw null;

        public bool IsCancellationRequested => throw null;

        public CancellationToken Token => throw null;

        public void Cancel() => throw null;

        public void CancelAfter(int millisecondsDelay) => throw null;

        public void Dispose() => throw null;
    }
}
