using System.Device.I2c;

namespace MixConsole.Panel.Tests.Fakes;

/// <summary>
/// Base of the I2C device doubles (System.Device.I2c's own abstract device): routes reads and writes to the chip's
/// register model, thread-safe because the panel and display threads share one bus.
/// </summary>
internal abstract class RegisterI2cDevice(int address) : I2cDevice
{
    protected readonly object Gate = new();

    public override I2cConnectionSettings ConnectionSettings { get; } = new(1, address);

    /// <summary>I2C transactions seen.</summary>
    public int Transactions { get; private set; }

    /// <summary>True once disposed.</summary>
    public bool Disposed { get; private set; }

    public override byte ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        Read(one);
        return one[0];
    }

    public override void Read(Span<byte> buffer)
    {
        lock (Gate)
        {
            Transactions++;
            OnRead(buffer);
        }
    }

    public override void WriteByte(byte value)
    {
        Span<byte> one = [value];
        Write(one);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (Gate)
        {
            Transactions++;
            OnWrite(buffer);
        }
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        lock (Gate)
        {
            Transactions++;
            OnWrite(writeBuffer);
            OnRead(readBuffer);
        }
    }

    protected abstract void OnWrite(ReadOnlySpan<byte> bytes);

    protected abstract void OnRead(Span<byte> bytes);

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
