using MixConsole.Engine.Compiler.Binding;
using MixConsole.Engine.Mixer.Strips;

namespace MixConsole.Engine.Compiler;

/// <summary>The matrix buses' designs: dynamics and EQ as a bus's, the fader with polarity, and their inputs' gains and taps.</summary>
public sealed partial class ConsoleCompiler
{
    // The X32's matrix send type POST (ConsoleAddressSpace.MatrixSendTypes); the others tap before the source's fader.
    private const int MatrixTapPost = 4;

    private void DesignMatrices()
    {
        var matrices = _binding.Matrices;
        int parts = StripAspect.Bits(StripAspect.Compressor) | StripAspect.Bits(StripAspect.Mix)
            | StripAspect.Bits(StripAspect.AllEqBands) | StripAspect.Bits(StripAspect.Sends);
        for (int m = 0; m < matrices.Length; m++)
        {
            int key = _keys.Matrix(m);
            int d = _dirty[key] & parts;
            _dirty[key] = 0;
            if (d == 0) continue;
            // The pair's tap and main's pan live on the odd matrix: its sends re-derive the even one's too.
            if (Has(d, StripAspect.Sends) && (m & 1) == 0 && m + 1 < matrices.Length) _dirty[_keys.Matrix(m + 1)] |= StripAspect.Bits(StripAspect.Sends);
            MatrixBinding p = matrices[m];
            Span<Dsp.Filters.BiquadCoefficients> sections = _compiled.MatrixSections.AsSpan(m * StripSection.Count, StripSection.Count);
            ref MatrixTargets t = ref _compiled.Matrices[m];
            if (Has(d, StripAspect.Compressor)) t.Compressor = DesignCompressor(p.Strip, sections);
            if (Has(d, StripAspect.Mix))
            {
                float gain = Muted(p.Strip.On) ? 0f : MixLaws.DbToLinear(V(p.Strip.Fader));
                t.Gain = V(p.Strip.Invert) != 0 ? -gain : gain;
            }

            if (Has(d, StripAspect.Sends)) DesignMatrixSends(m, p);
            DesignEqBands(p.Strip, d, sections);
            MarkParts(key, d);
        }
    }

    private void DesignMatrixSends(int m, MatrixBinding p)
    {
        int inputs = ConsoleSnapshot.MatrixSources(_store.Table.Config), first = m * inputs;
        Span<float> gains = _compiled.MatrixSends.AsSpan(first, inputs);
        Span<bool> post = _compiled.MatrixPostFader.AsSpan(first, inputs);
        for (int s = 0; s < p.SendOn.Length; s++)
        {
            float gain = V(p.SendOn[s]) != 0 ? MixLaws.DbToLinear(V(p.SendLevel[s])) : 0f;
            bool afterFader = (int)V(p.SendTap[s]) == MatrixTapPost;
            if (s < _buses)
            {
                gains[s] = gain;
                post[s] = afterFader;
            }
            else if (s == _buses)
            {
                // Main's two sides into a mono matrix through its send's pan (constant power).
                MixLaws.Pan(V(p.MainPan) / 100f, out float left, out float right);
                gains[s] = gain * left;
                gains[s + 1] = gain * right;
                post[s] = post[s + 1] = afterFader;
            }
            else
            {
                gains[s + 1] = gain;
                post[s + 1] = afterFader;
            }
        }
    }
}
