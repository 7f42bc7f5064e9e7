using System.Buffers.Binary;
using System.Text;

namespace MixConsole.Dsp.Tests.Loudness;

/// <summary>
/// A tiny RIFF/WAVE reader for judging files the product wrote, sharing no code with the product's reader:
/// PCM 16/24/32-bit and 32-bit float, plain or WAVE_FORMAT_EXTENSIBLE; unknown chunks are skipped.
/// Integer full scale maps to ±1.0 (sample / 2^(bits-1)).
/// </summary>
internal static class ReferenceWav
{
    /// <summary>Planar samples and what the header says.</summary>
    public sealed record Audio(float[][] Channels, int SampleRateHz, int BitsPerSample, bool IsFloat)
    {
        public int Frames => Channels[0].Length;
    }

    private const ushort TagPcm = 1, TagFloat = 3, TagExtensible = 0xFFFE;

    public static Audio Read(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        ReadOnlySpan<byte> b = file;
        if (b.Length < 12 || Id(b, 0) != "RIFF" || Id(b, 8) != "WAVE")
            throw new InvalidDataException($"{path}: not a RIFF/WAVE file");
        int channels = 0, rate = 0, bits = 0;
        bool isFloat = false, haveFormat = false;
        int pos = 12;
        while (pos + 8 <= b.Length)
        {
            string id = Id(b, pos);
            int size = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(b[(pos + 4)..]));
            int body = pos + 8;
            if (id == "fmt ")
            {
                ushort tag = BinaryPrimitives.ReadUInt16LittleEndian(b[body..]);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(b[(body + 2)..]);
                rate = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(b[(body + 4)..]));
                bits = BinaryPrimitives.ReadUInt16LittleEndian(b[(body + 14)..]);
                if (tag == TagExtensible)
                    tag = BinaryPrimitives.ReadUInt16LittleEndian(b[(body + 24)..]); // first two bytes of the sub-format GUID
                if (tag != TagPcm && tag != TagFloat)
                    throw new InvalidDataException($"{path}: format tag {tag} is neither PCM nor float");
                isFloat = tag == TagFloat;
                if (isFloat ? bits != 32 : bits is not (16 or 24 or 32))
                    throw new InvalidDataException($"{path}: {bits}-bit {(isFloat ? "float" : "PCM")} is not read here");
                haveFormat = true;
            }
            else if (id == "data")
            {
                if (!haveFormat) throw new InvalidDataException($"{path}: data before fmt");
                int bytesPerSample = bits / 8, frames = Math.Min(size, b.Length - body) / (bytesPerSample * channels);
                var planar = new float[channels][];
                for (int c = 0; c < channels; c++) planar[c] = new float[frames];
                for (int i = 0, at = body; i < frames; i++)
                    for (int c = 0; c < channels; c++, at += bytesPerSample)
                        planar[c][i] = Sample(b[at..], bits, isFloat);
                return new Audio(planar, rate, bits, isFloat);
            }
            pos = body + size + (size & 1); // chunks are word-aligned
        }
        throw new InvalidDataException($"{path}: no data chunk");
    }

    private static float Sample(ReadOnlySpan<byte> s, int bits, bool isFloat) => (bits, isFloat) switch
    {
        (32, true) => BinaryPrimitives.ReadSingleLittleEndian(s),
        (16, _) => BinaryPrimitives.ReadInt16LittleEndian(s) / 32768f,
        (24, _) => (float)(((s[0] << 8) | (s[1] << 16) | (s[2] << 24)) >> 8) / 8388608f,
        _ => (float)(BinaryPrimitives.ReadInt32LittleEndian(s) / 2147483648.0),
    };

    private static string Id(ReadOnlySpan<byte> b, int at) => Encoding.ASCII.GetString(b.Slice(at, 4));
}
