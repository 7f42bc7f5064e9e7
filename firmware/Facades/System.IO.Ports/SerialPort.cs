// Facade of System.IO.Ports (package nanoFramework.System.IO.Ports): nanoframework/System.IO.Ports at v1.1.132,
// System.IO.Ports/SerialPort.cs, Parity.cs, StopBits.cs. Signatures as published; bodies throw.
using System.Runtime.CompilerServices;

namespace System.IO.Ports
{
    public enum Parity
    {
        None = 0,
        Odd = 1,
        Even = 2,
    }

    public enum StopBits
    {
        One = 1,
        Two = 2,
        OnePointFive = 3,
    }

    public sealed class SerialPort : IDisposable
    {
        public SerialPort(string portName, int baudRate = 9600, Parity parity = Parity.None, int dataBits = 8, StopBits stopBits = StopBits.One)
            => throw null;

        public int BaudRate { get => throw null; set => throw null; }

        public string PortName => throw null;

        public bool IsOpen => throw null;

        public int ReadTimeout { get => throw null; set => throw null; }

        public int WriteTimeout { get => throw null; set => throw null; }

        public extern int BytesToRead
        {
            [MethodImpl(MethodImplOptions.InternalCall)]
            get;
        }

        public void Open() => throw null;

        public void Close() => throw null;

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern int Read(byte[] buffer, int offset, int count);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern void Write(byte[] buffer, int offset, int count);

        public void Dispose() => throw null;
    }
}
