namespace MixConsole.Store;

/// <summary>One saved scene slot: its number (0-99, as on the X32), name, notes, when it was saved, and the scene JSON.</summary>
/// <param name="Slot">0..99.</param>
/// <param name="Name">Up to <see cref="SceneSlots.MaxNameLength"/> printable ASCII characters.</param>
/// <param name="Notes">Up to <see cref="SceneSlots.MaxNotesLength"/> printable ASCII characters.</param>
/// <param name="SavedUtc">When the slot was last saved (UTC, ISO 8601).</param>
/// <param name="Parameters">The scene as <c>SceneFile</c> JSON (mix scope, values that differ from defaults); empty in listings.</param>
public sealed record SceneRecord(int Slot, string Name, string Notes, string SavedUtc, string Parameters);
