// Facade of System.Net (package nanoFramework.System.Net): nanoframework/System.Net at v1.11.52,
// nanoFramework.System.Net/Sockets/Socket.cs, AddressFamily.cs, SocketType.cs, ProtocolType.cs, SocketFlags.cs and
// nanoFramework.System.Net/SocketException.cs. Signatures as published (enums cut to the members used here, values
// as published); bodies throw.
namespace System.Net.Sockets
{
    public enum AddressFamily
    {
        Unknown = -1,
        Unspecified = 0,
        InterNetwork = 2,
        InterNetworkV6 = 23,
    }

    public enum SocketType
    {
        Stream = 1,
        Dgram = 2,
        Unknown = -1,
    }

    public enum ProtocolType
    {
        IP = 0,
        Tcp = 6,
        Udp = 17,
        Unknown = -1,
    }

    [Flags]
    public enum SocketFlags
    {
        None = 0x0000,
        Peek = 0x0002,
        Broadcast = 0x0400,
    }

    public class SocketException : Exception
    {
        public int ErrorCode => throw null;
    }

    public class Socket : IDisposable
    {
        public Socket(AddressFamily addressFamily, SocketType socketType, ProtocolType protocolType) => throw null;

        public int Available => throw null;

        public void Bind(EndPoint localEP) => throw null;

        public void Connect(EndPoint remoteEP) => throw null;

        public void Close() => throw null;

        public int Send(byte[] buffer, int offset, int size, SocketFlags socketFlags) => throw null;

        public int Receive(byte[] buffer, int offset, int size, SocketFlags socketFlags) => throw null;

        public int SendTo(byte[] buffer, int offset, int size, SocketFlags socketFlags, EndPoint remoteEP) => throw null;

        public int ReceiveFrom(byte[] buffer, int offset, int size, SocketFlags socketFlags, ref EndPoint remoteEP) => throw null;

        void IDisposable.Dispose() => throw null;
    }
}
