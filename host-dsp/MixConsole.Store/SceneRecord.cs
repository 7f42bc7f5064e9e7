using System.Text.Json;

namespace MixConsole.Store;

/// <summary>One saved scene slot: its number (0-99, as on the X32), name, notes, when it was saved, and the scene JSON.</summary>
/// <param name="Slot">0..99.</param>
/// <param name="Name">Up to <see cref="SceneSlots.MaxNameLength"/> printable ASCII characters.</param>
/// <param name="Notes">Up to <see cref="SceneSlots.MaxNotesLength"/> printable ASCII characters.</param>
/// <param name="SavedUtc">When the slot was last saved (UTC, ISO 8601).</param>
/// <param name="Parameters">The scene as <c>SceneFile</c> JSON (mix scope, values that differ from defaults); empty in listings.</param>
public sealed record SceneRecord(int Slot, string Name, string Notes, string SavedUtc, string Parameters)
{
    /// <summary>
    /// Writes the slot as one JSON object: slot, name, notes, saved and the "parameters" object (a scene file that
    /// <c>serve --scene</c> and an import read; the form a show file holds per slot).
    /// </summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var parameters = JsonDocument.Parse(Parameters);
        writer.WriteStartObject();
        writer.WriteNumber("slot", Slot);
        writer.WriteString("name", Name);
        writer.WriteString("notes", Notes);
        writer.WriteString("saved", SavedUtc);
        writer.WritePropertyName("parameters");
        parameters.RootElement.GetProperty("parameters").WriteTo(writer);
        writer.WriteEndObject();
    }
}
