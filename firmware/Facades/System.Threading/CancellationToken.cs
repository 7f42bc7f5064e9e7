// Facade of System.Threading (package nanoFramework.System.Threading): nanoframework/System.Threading at v1.1.52,
// nanoFramework.System.Threading/Threading/CancellationToken.cs. Signatures as published; bodies throw.
namespace System.Threading
{
    public struct CancellationToken
    {
        public CancellationToken(bool canceled) => throw null;

        public static CancellationToken None => throw null;

        public bool IsCancellationRequested => throw null;

        public bool CanBeCanceled => throw null;

        public WaitHandle WaitHandle => throw null;

        public void ThrowIfCancellationRequested() => throw null;
    }
}
