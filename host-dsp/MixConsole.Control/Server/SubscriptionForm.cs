namespace MixConsole.Control.Server;

/// <summary>What a periodic X32 subscription sends.</summary>
internal enum SubscriptionForm
{
    /// <summary><c>/subscribe</c>: the parameter's own message, as a query answer.</summary>
    Value,

    /// <summary><c>/formatsubscribe</c>: one blob of little-endian 4-byte values (floats 0..1, ints as ints) under the alias.</summary>
    Values,

    /// <summary><c>/batchsubscribe</c> of a meter bank: the bank's blob under the alias.</summary>
    Meters,
}
