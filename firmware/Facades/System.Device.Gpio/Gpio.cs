// Facade of System.Device.Gpio (package nanoFramework.System.Device.Gpio): nanoframework/System.Device.Gpio at v1.1.57,
// System.Device.Gpio/GpioController.cs, GpioPin.cs, PinMode.cs, PinValue.cs. Signatures as published; bodies throw.
using System.Runtime.CompilerServices;

namespace System.Device.Gpio
{
    public enum PinMode
    {
        Input,
        InputPullDown,
        InputPullUp,
        Output,
        OutputOpenDrain,
        OutputOpenDrainPullUp,
        OutputOpenSource,
        OutputOpenSourcePullDown,
    }

    public readonly struct PinValue
    {
        private readonly byte _value;

        public static PinValue High => throw null;

        public static PinValue Low => throw null;

        public static implicit operator PinValue(int value) => throw null;

        public static implicit operator PinValue(bool value) => throw null;

        public static explicit operator byte(PinValue value) => throw null;

        public static explicit operator int(PinValue value) => throw null;

        public static explicit operator bool(PinValue value) => throw null;

        public bool Equals(PinValue other) => throw null;

        public override bool Equals(object obj) => throw null;

        public static bool operator ==(PinValue a, PinValue b) => throw null;

        public static bool operator !=(PinValue a, PinValue b) => throw null;

        public override int GetHashCode() => throw null;

        public override string ToString() => throw null;
    }

    public sealed class GpioController : IDisposable
    {
        public GpioController() => throw null;

        public extern int PinCount
        {
            [MethodImpl(MethodImplOptions.InternalCall)]
            get;
        }

        public GpioPin OpenPin(int pinNumber) => throw null;

        public GpioPin OpenPin(int pinNumber, PinMode mode) => throw null;

        public void ClosePin(int pinNumber) => throw null;

        public PinValue Read(int pinNumber) => throw null;

        public void Write(int pinNumber, PinValue value) => throw null;

        public void Dispose() => throw null;
    }

    public sealed class GpioPin : IDisposable
    {
        private GpioPin() => throw null;

        public int PinNumber => throw null;

        public PinMode GetPinMode() => throw null;

        public void SetPinMode(PinMode value) => throw null;

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern PinValue Read();

        public void Write(PinValue value) => throw null;

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern void Toggle();

        public void Dispose() => throw null;
    }
}
