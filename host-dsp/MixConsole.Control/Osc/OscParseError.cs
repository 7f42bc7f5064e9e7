namespace MixConsole.Control.Osc;

/// <summary>Why a received OSC packet was rejected; <see cref="None"/> means it is valid.</summary>
public enum OscParseError
{
    /// <summary>The packet is valid.</summary>
    None = 0,

    /// <summary>The packet has no bytes.</summary>
    Empty,

    /// <summary>The packet is longer than <see cref="OscLimits.MaxPacketBytes"/>.</summary>
    TooLarge,

    /// <summary>The packet (or a bundle element) is not a multiple of 4 bytes long.</summary>
    LengthNotAligned,

    /// <summary>The address does not start with '/', or holds a space, control or non-ASCII byte.</summary>
    InvalidAddress,

    /// <summary>The address string has no NUL terminator inside the packet.</summary>
    AddressNotTerminated,

    /// <summary>The bytes after the address are not a type-tag string starting with ','.</summary>
    MissingTypeTags,

    /// <summary>The type-tag string has no NUL terminator inside the packet.</summary>
    TypeTagsNotTerminated,

    /// <summary>A type tag is not one of i f s b h d t T F N I.</summary>
    UnknownTypeTag,

    /// <summary>More arguments than <see cref="OscLimits.MaxArguments"/>.</summary>
    TooManyArguments,

    /// <summary>A pad byte after a string or blob is not zero.</summary>
    BadPadding,

    /// <summary>An argument runs past the end of the packet.</summary>
    TruncatedArgument,

    /// <summary>A string argument has no NUL terminator inside the packet.</summary>
    StringNotTerminated,

    /// <summary>A blob's declared size is negative or larger than the bytes that remain.</summary>
    InvalidBlobSize,

    /// <summary>Bytes remain after the last argument.</summary>
    TrailingBytes,

    /// <summary>The packet is a bundle where a message was expected.</summary>
    NotAMessage,

    /// <summary>The packet starts with '#' but not with the "#bundle" header, or is shorter than a bundle header.</summary>
    InvalidBundleHeader,

    /// <summary>A bundle element size is zero, negative, unaligned or larger than the bytes that remain.</summary>
    InvalidElementSize,

    /// <summary>Bundles are nested deeper than <see cref="OscLimits.MaxBundleDepth"/>.</summary>
    BundleTooDeep,

    /// <summary>A packet holds more messages than <see cref="OscLimits.MaxMessagesPerPacket"/>.</summary>
    TooManyMessages,
}
