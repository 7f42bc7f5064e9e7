using System.Buffers.Binary;

namespace MixConsole.Audio.Wav;

/// <summary>RIFF/RF64 constants shared by the reader and the writer (all little-endian).</summary>
internal static class WavRiff
{
    public const uint Riff = 0x46464952;  // "RIFF"
    public const uint Rf64 = 0x34364652;  // "RF64"
    public const uint Bw64 = 0x34365742;  // "BW64"
    public const uint Rifx = 0x58464952;  // "RIFX"
    public const uint Form = 0x4D524F46;  // "FORM"
    public const uint Wave = 0x45564157;  // "WAVE"
    public const uint Fmt = 0x20746D66;   // "fmt "
    public const uint Data = 0x61746164;  // "data"
    public const uint Ds64 = 0x34367364;  // "ds64"
    public const uint Junk = 0x4B4E554A;  // "JUNK"
    public const uint Fact = 0x74636166;  // "fact"

    public const ushort TagPcm = 0x0001;
    public const ushort TagFloat = 0x0003;
    public const ushort TagExtensible = 0xFFFE;

    /// <summary>Size of a ds64 body without its table: RIFF size, data size, sample count, table length.</summary>
    public const int Ds64BodyBytes = 28;

    /// <summary>Size of a WAVE_FORMAT_EXTENSIBLE fmt body.</summary>
    public const int ExtensibleFmtBytes = 40;

    /// <summary>Bytes 2..15 of every KSDATAFORMAT_SUBTYPE GUID (the first two hold the format tag).</summary>
    public static ReadOnlySpan<byte> SubFormatTail =>
        [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    /// <summary>A four-character code as text, or its hex value when it is not printable ASCII.</summary>
    public static string FourCcText(uint id)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, id);
        foreach (byte c in b)
        {
            if (c < 0x20 || c > 0x7E)
                return $"0x{BinaryPrimitives.ReverseEndianness(id):X8}";
        }
        return $"'{(char)b[0]}{(char)b[1]}{(char)b[2]}{(char)b[3]}'";
    }

    /// <summary>The common name of a WAVE format tag, for error messages.</summary>
    public static string FormatTagName(ushort tag) => tag switch
    {
        0x0000 => "unknown",
        0x0002 => "Microsoft ADPCM",
        0x0006 => "A-law",
        0x0007 => "mu-law",
        0x0011 => "IMA ADPCM",
        0x0031 => "GSM 6.10",
        0x0050 => "MPEG",
        0x0055 => "MPEG Layer 3",
        0x0092 => "Dolby AC-3 S/PDIF",
        0x0160 or 0x0161 or 0x0162 or 0x0163 => "Windows Media Audio",
        0x00FF or 0x1610 or 0x4143 => "AAC",
        0x2000 => "AC-3",
        0x2001 => "DTS",
        0xF1AC => "FLAC",
        _ => "not a PCM or float tag",
    };
}
