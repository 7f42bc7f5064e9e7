// Facade of System.Device.I2c (package nanoFramework.System.Device.I2c): nanoframework/System.Device.I2c at v1.1.29,
// System.Device.I2c/I2cBusSpeed.cs, I2cConnectionSettings.cs, I2cDevice.cs, I2cTransferResult.cs,
// I2cTransferStatus.cs. Signatures as published; bodies throw.
namespace System.Device.I2c
{
    public enum I2cBusSpeed
    {
        StandardMode,
        FastMode,
        FastModePlus,
    }

    public enum I2cTransferStatus
    {
        UnknownError,
        FullTransfer,
        ClockStretchTimeout,
        PartialTransfer,
        SlaveAddressNotAcknowledged,
    }

    public struct I2cTransferResult
    {
        public uint BytesTransferred => throw null;

        public I2cTransferStatus Status => throw null;
    }

    public sealed class I2cConnectionSettings
    {
        public I2cConnectionSettings(int busId, int deviceAddress) => throw null;

        public I2cConnectionSettings(int busId, int deviceAddress, I2cBusSpeed busSpeed) => throw null;

        public int BusId => throw null;

        public int DeviceAddress => throw null;

        public I2cBusSpeed BusSpeed => throw null;
    }

    public class I2cDevice : IDisposable
    {
        public I2cDevice(I2cConnectionSettings settings) => throw null;

        public I2cConnectionSettings ConnectionSettings => throw null;

        public static I2cDevice Create(I2cConnectionSettings settings) => throw null;

        public byte ReadByte() => throw null;

        public I2cTransferResult Read(SpanByte buffer) => throw null;

        public I2cTransferResult WriteByte(byte value) => throw null;

        public I2cTransferResult Write(SpanByte buffer) => throw null;

        public I2cTransferResult WriteRead(SpanByte writeBuffer, SpanByte readBuffer) => throw null;

        public void Dispose() => throw null;
    }
}
