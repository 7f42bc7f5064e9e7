// Facade of nanoFramework.Runtime.Native: nanoframework/nanoFramework.Runtime.Native at v1.7.11,
// nanoFramework.Runtime.Native/System/Environment.cs. Signature as published; implemented by the runtime.
using System.Runtime.CompilerServices;

namespace System
{
    public static partial class Environment
    {
        public static extern long TickCount64
        {
            [MethodImpl(MethodImplOptions.InternalCall)]
            get;
        }
    }
}
