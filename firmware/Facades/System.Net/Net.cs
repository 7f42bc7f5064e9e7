// Facade of System.Net (package nanoFramework.System.Net): nanoframework/System.Net at v1.11.52,
// nanoFramework.System.Net/EndPoint.cs, IPAddress.cs, IPEndPoint.cs. Signatures as published (EndPoint's
// serialisation members left out); bodies throw.
namespace System.Net
{
    using System.Net.Sockets;

    public abstract class EndPoint
    {
    }

    public class IPAddress
    {
        public static readonly IPAddress Any;

        public static readonly IPAddress Loopback;

        public IPAddress(long newAddress) => throw null;

        public IPAddress(byte[] address) => throw null;

        public AddressFamily AddressFamily => throw null;

        public byte[] GetAddressBytes() => throw null;

        public static IPAddress Parse(string ipString) => throw null;

        public override string ToString() => throw null;
    }

    public class IPEndPoint : EndPoint
    {
        public const int MinPort = 0x00000000;

        public const int MaxPort = 0x0000FFFF;

        public IPEndPoint(long address, int port) => throw null;

        public IPEndPoint(IPAddress address, int port) => throw null;

        public IPAddress Address => throw null;

        public int Port => throw null;
    }
}
