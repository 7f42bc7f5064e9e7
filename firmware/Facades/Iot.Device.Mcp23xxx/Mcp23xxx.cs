// Facade of Iot.Device.Mcp23xxx (package nanoFramework.Iot.Device.Mcp23xxx 1.2.945): nanoframework/nanoFramework.IoT.Device
// at commit 0bc5721692dde177f1b2cfce356c48e5b3c9eb24, devices/Mcp23xxx/GpioDriver.cs, Mcp23xxx.cs, Mcp23x1x.cs,
// Mcp23017.cs, Register.cs, Port.cs. Signatures as published (the GpioDriver overrides left out; nullable
// annotations dropped); bodies throw.
namespace System.Device.Gpio
{
    public abstract class GpioDriver : IDisposable
    {
        public void Dispose() => throw null;

        protected virtual void Dispose(bool disposing) => throw null;
    }
}

namespace Iot.Device.Mcp23xxx
{
    using System.Device.Gpio;
    using System.Device.I2c;

    public enum Register : byte
    {
        IODIR = 0x00,
        IPOL = 0x01,
        GPINTEN = 0x02,
        DEFVAL = 0x03,
        INTCON = 0x04,
        IOCON = 0x05,
        GPPU = 0x06,
        INTF = 0x07,
        INTCAP = 0x08,
        GPIO = 0x09,
        OLAT = 0x0a,
    }

    public enum Port
    {
        PortA,
        PortB,
    }

    public abstract partial class Mcp23xxx : GpioDriver
    {
        internal Mcp23xxx() => throw null;

        public byte ReadByte(Register register) => throw null;

        public void WriteByte(Register register, byte value) => throw null;

        public void Disable() => throw null;

        public void Enable() => throw null;
    }

    public abstract class Mcp23x1x : Mcp23xxx
    {
        public byte ReadByte(Register register, Port port) => throw null;

        public void WriteByte(Register register, byte value, Port port) => throw null;

        public ushort ReadUInt16(Register register) => throw null;

        public void WriteUInt16(Register register, ushort value) => throw null;
    }

    public class Mcp23017 : Mcp23x1x
    {
        public Mcp23017(I2cDevice i2cDevice, int reset = -1, int interruptA = -1, int interruptB = -1, GpioController controller = null, bool shouldDispose = true)
            => throw null;
    }
}
