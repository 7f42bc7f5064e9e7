using MixConsole.Dsp.Filters;
using MixConsole.Engine.Mixer.Strips;

namespace MixConsole.Engine.Tests.Mixer;

public sealed class StripBankGlideTests
{
    private const double Rate = 48000;
    private const int Strips = 20, Block = 32, Tick = 16;

    private static readonly BiquadCoefficients Boost = AnalogMatchedDesign.Peaking(Rate, 1000, 1.5, 9);
    private static readonly BiquadCoefficients Cut = AnalogMatchedDesign.Peaking(Rate, 3000, 0.8, -12);

    // Ticks advance a row of lanes at once: a strip's glide must sound the same whatever its row neighbours do
    // (start their own glides at other times, retarget them, or jump without a glide mid-way).
    [Fact]
    public void Glide_OfOneStrip_IsUntouchedByItsNeighboursGlidesAndJumps()
    {
        var alone = new Run();
        var busy = new Run();
        for (int block = 0; block < 80; block++)
        {
            if (block == 2)
            {
                alone.Bank.SetSection(3, StripSection.Eq(1), Boost, glide: true);
                busy.Bank.SetSection(3, StripSection.Eq(1), Boost, glide: true);
            }

            if (block == 3) busy.Bank.SetSection(2, StripSection.Eq(1), Cut, glide: true);
            if (block == 5) busy.Bank.SetSection(4, StripSection.Eq(1), Boost, glide: false);
            if (block == 9) busy.Bank.SetSection(2, StripSection.Eq(1), Boost, glide: true);
            if (block == 11) busy.Bank.SetSection(2, StripSection.Eq(1), Cut, glide: false);
            if (block == 12) busy.Bank.SetSection(19, StripSection.Eq(1), Cut, glide: true);
            alone.Step(block);
            busy.Step(block);
            Assert.Equal(Bits(alone.Strip(3)), Bits(busy.Strip(3)));
        }

        Assert.False(busy.Bank.HasCoefficientRamps);
    }

    // A glide lands exactly on its target: after it ends and the filter has rung out, an impulse gives the bits of a
    // bank that was set to the target at once. A glide cut short by a jump holds the jump's coefficients.
    [Fact]
    public void Glide_EndsOnItsTarget_AndAJumpMidGlideHolds()
    {
        var glided = new Run();
        var direct = new Run();
        glided.Bank.SetSection(5, StripSection.Eq(0), Boost, glide: true);
        glided.Bank.SetSection(6, StripSection.Eq(0), Boost, glide: true);
        direct.Bank.SetSection(5, StripSection.Eq(0), Cut, glide: false);
        direct.Bank.SetSection(6, StripSection.Eq(0), Boost, glide: false);
        for (int block = 0; block < 10; block++)
        {
            glided.Step(block, silent: true);
            direct.Step(block, silent: true);
        }

        glided.Bank.SetSection(5, StripSection.Eq(0), Cut, glide: false);
        for (int block = 10; block < 3000 && glided.Bank.HasCoefficientRamps; block++) glided.Step(block, silent: true);
        Assert.False(glided.Bank.HasCoefficientRamps);

        glided.Bank.Reset();
        direct.Bank.Reset();
        glided.Impulse();
        direct.Impulse();
        Assert.Equal(Bits(direct.Strip(5)), Bits(glided.Strip(5)));
        Assert.Equal(Bits(direct.Strip(6)), Bits(glided.Strip(6)));
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();

    private sealed class Run
    {
        private readonly float[] _planar = new float[Strips * Block];
        private long _position;

        public Run()
        {
            Bank = new StripBank(Strips);
            Bank.Prepare(Rate, Block, Tick);
        }

        public StripBank Bank { get; }

        public float[] Strip(int strip) => _planar.AsSpan(strip * Block, Block).ToArray();

        public void Step(int block, bool silent = false)
        {
            var random = new Random(block);
            for (int i = 0; i < _planar.Length; i++) _planar[i] = silent ? 0f : (float)(random.NextDouble() * 2 - 1);
            Bank.Process(_planar, Block, 0, Block, default, _position);
            _position += Block;
        }

        public void Impulse()
        {
            Array.Clear(_planar);
            for (int s = 0; s < Strips; s++) _planar[s * Block] = 1f;
            Bank.Process(_planar, Block, 0, Block, default, _position);
        }
    }
}
