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

    /// <summary>When set, every transaction fails as a device that stopped answering does (a loose cable).</summary>
    public volatile bool Unplugged;

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
            ThrowIfUnplugged();
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
            ThrowIfUnplugged();
            OnWrite(buffer);
        }
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        lock (Gate)
        {
            Transactions++;
            ThrowIfUnplugged();
            OnWrite(writeBuffer);
            OnRead(readBuffer);
        }
    }

    private void ThrowIfUnplugged()
    {
        if (Unplugged)
        {
            // What the Linux I2C driver reports when nothing acknowledges the address.
            throw new IOException($"Error 121 performing I2C data transfer at 0x{ConnectionSettings.DeviceAddress:X2}");
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
