// Facade of System.Device.Adc (package nanoFramework.System.Device.Adc): nanoframework/System.Device.Adc at v1.1.24,
// System.Device.Adc/AdcController.cs, AdcControllerBase.cs, AdcChannel.cs, AdcChannelBase.cs. Signatures as
// published (the controller's channel-mode members left out); bodies throw.
namespace System.Device.Adc
{
    public abstract class AdcControllerBase
    {
        public abstract AdcChannel OpenChannel(int channelNumber);

        public abstract int ChannelCount { get; }

        public abstract int MaxValue { get; }

        public abstract int MinValue { get; }

        public abstract int ResolutionInBits { get; }
    }

    public class AdcController : AdcControllerBase
    {
        public AdcController() => throw null;

        public override int ChannelCount => throw null;

        public override int MaxValue => throw null;

        public override int MinValue => throw null;

        public override int ResolutionInBits => throw null;

        public override AdcChannel OpenChannel(int channelNumber) => throw null;
    }

    public abstract class AdcChannelBase
    {
        public abstract int ReadValue();

        public double ReadRatio() => throw null;

        public AdcController Controller => throw null;
    }

    public class AdcChannel : AdcChannelBase, IDisposable
    {
        private AdcChannel() => throw null;

        public override int ReadValue() => throw null;

        public void Dispose() => throw null;
    }
}
