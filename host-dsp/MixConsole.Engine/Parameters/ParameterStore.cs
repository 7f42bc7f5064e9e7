namespace MixConsole.Engine.Parameters;

/// <summary>
/// Current values of every parameter of a <see cref="ParameterTable"/>.
/// <para>Numbers are held as REAL values (dB, Hz, ms, %, a choice's position, 0/1, a bitmap), always on
/// the parameter's grid, in one flat <c>float[]</c> indexed like the table: what the DSP uses, so the
/// audio thread converts nothing. Normalised 0..1 values are derived on the control side.</para>
/// <para>Threading: any number of control threads may set values (each write is one atomic float store
/// plus two interlocked counters). The console compiler reads them with <see cref="TryCopyValuesOutsideBatch"/>:
/// changes made inside a batch (<see cref="BeginBatch"/>: an OSC bundle, a scene recall) are seen whole
/// or not at all. Text (names) lives in a separate array the audio thread never reads.</para>
/// </summary>
public sealed class ParameterStore
{
    private const int StableReadAttempts = 64;

    private readonly ParameterTable _table;
    private readonly float[] _values;
    private readonly string[] _texts;
    private readonly long[] _changeSequence;
    private ParameterChangeSet[] _changeSets = [];
    private long _issued;
    private long _completed;
    private int _openBatches;
    private long _batchesBegun;

    /// <summary>Creates a store holding every parameter's default.</summary>
    public ParameterStore(ParameterTable table)
    {
        _table = table ?? throw new ArgumentNullException(nameof(table));
        _values = new float[table.Count];
        _texts = new string[table.Count];
        _changeSequence = new long[table.Count];
        for (int i = 0; i < table.Count; i++)
        {
            var spec = table[i].Spec;
            _values[i] = spec.Default;
            _texts[i] = spec.DefaultText;
        }
    }

    /// <summary>The declarations these values belong to.</summary>
    public ParameterTable Table => _table;

    /// <summary>Number of parameters (length of the flat value array).</summary>
    public int Count => _values.Length;

    /// <summary>
    /// Count of completed changes; it moves whenever a value has changed. The audio thread may skip
    /// <see cref="CopyValuesTo"/> while it stays the same.
    /// </summary>
    public long Version => Volatile.Read(ref _completed);

    /// <summary>True while at least one batch is open: a reader that wants whole batches waits.</summary>
    public bool IsBatchOpen => Volatile.Read(ref _openBatches) != 0;

    /// <summary>
    /// Raised on the writing thread after each change made outside a batch, and when the last open batch
    /// closes: a wake-up for a control-side reader such as the console compiler. Handlers must be quick and
    /// must not allocate (they run on OSC receive threads); raising it allocates nothing.
    /// </summary>
    public event Action? Changed;

    /// <summary>
    /// Opens a batch: the changes made until it is disposed belong together (an OSC bundle, a scene recall,
    /// a preset) and <see cref="TryCopyValuesOutsideBatch"/> never sees part of them. Batches may nest and
    /// may be open on several threads at once; readers wait until none is open. Allocates nothing. Dispose
    /// the returned value exactly once (a <c>using</c> does).
    /// </summary>
    public ParameterBatch BeginBatch()
    {
        Interlocked.Increment(ref _openBatches);
        // Counted after the open count, so a reader that saw no batch open and the same count before and after its copy saw no batch at all.
        Interlocked.Increment(ref _batchesBegun);
        return new ParameterBatch(this);
    }

    /// <summary>Closes a batch opened by <see cref="BeginBatch"/> (what disposing a <see cref="ParameterBatch"/> does).</summary>
    internal void EndBatch()
    {
        int open = Interlocked.Decrement(ref _openBatches);
        if (open < 0)
        {
            Interlocked.Increment(ref _openBatches);
            throw new InvalidOperationException("a parameter batch was closed twice");
        }

        if (open == 0)
        {
            Changed?.Invoke();
        }
    }

    /// <summary>Current real value of a numeric parameter (0 for text).</summary>
    public float GetReal(int index) => Volatile.Read(ref _values[index]);

    /// <summary>Current value as sent on the wire for a float: index / (steps - 1), 0..1.</summary>
    public float GetNormalized(int index) => _table[index].Spec.ToNormalized(GetReal(index));

    /// <summary>Current grid point of a numeric parameter.</summary>
    public int GetGridIndex(int index) => _table[index].Spec.GridIndexOfReal(GetReal(index));

    /// <summary>Current text of a text parameter (empty string for numbers).</summary>
    public string GetText(int index) => Volatile.Read(ref _texts[index]);

    /// <summary>
    /// A new set of the parameters changed from now on, for one reader (the console compiler) to collect with
    /// <see cref="TryCopyChangesOutsideBatch"/>. Call at start-up: every later write marks every set.
    /// </summary>
    public ParameterChangeSet TrackChanges()
    {
        var set = new ParameterChangeSet(_values.Length);
        ParameterChangeSet[] sets, grown;
        do
        {
            sets = Volatile.Read(ref _changeSets);
            grown = [.. sets, set];
        }
        while (Interlocked.CompareExchange(ref _changeSets, grown, sets) != sets);
        return set;
    }

    /// <summary>The sequence number of the last change of parameter <paramref name="index"/> (0: never changed).</summary>
    public long GetChangeSequence(int index) => Volatile.Read(ref _changeSequence[index]);

    /// <summary>
    /// Sets a numeric parameter from its real value, snapped to the grid. False (nothing changes) for
    /// text parameters, NaN, values outside Minimum..Maximum, or fractions for ints, enums and switches.
    /// </summary>
    public bool TrySetReal(int index, float real)
    {
        var spec = _table[index].Spec;
        if (!spec.IsValidReal(real))
        {
            return false;
        }

        Write(index, spec.SnapReal(real));
        return true;
    }

    /// <summary>
    /// Sets a numeric parameter from a normalised wire float 0..1 (snapped to the grid; for enums,
    /// switches and ints f selects round(f * (steps - 1))). False for text, NaN or values outside 0..1.
    /// </summary>
    public bool TrySetNormalized(int index, float normalized)
    {
        var spec = _table[index].Spec;
        if (spec.Kind == ParameterKind.String || !(normalized >= 0f && normalized <= 1f))
        {
            return false;
        }

        Write(index, spec.FromNormalized(normalized));
        return true;
    }

    /// <summary>
    /// Sets a parameter from a wire int: the value itself for ints, enums (position) and switches (0/1);
    /// the grid point for floats.
    /// False when out of range or for text.
    /// </summary>
    public bool TrySetInt(int index, int value)
    {
        var spec = _table[index].Spec;
        switch (spec.Kind)
        {
            case ParameterKind.String:
                return false;
            case ParameterKind.Float:
                if (value < 0 || value >= spec.StepCount)
                {
                    return false;
                }

                Write(index, spec.RealAt(value));
                return true;
            default:
                return TrySetReal(index, value);
        }
    }

    /// <summary>Sets an enum or switch by its label ("PEQ", "on"; case-insensitive). False when no label matches.</summary>
    public bool TrySetLabel(int index, ReadOnlySpan<char> label)
    {
        var spec = _table[index].Spec;
        if (!spec.TryGetLabelIndex(label, out int position))
        {
            return false;
        }

        Write(index, position);
        return true;
    }

    /// <summary>Sets a text parameter. False for numbers or text that does not fit (length, characters).</summary>
    public bool TrySetText(int index, string text)
    {
        var spec = _table[index].Spec;
        if (!spec.IsValidText(text))
        {
            return false;
        }

        if (!string.Equals(Volatile.Read(ref _texts[index]), text, StringComparison.Ordinal))
        {
            long sequence = Interlocked.Increment(ref _issued);
            Volatile.Write(ref _texts[index], text);
            Volatile.Write(ref _changeSequence[index], sequence);
            MarkChangeSets(index);
            Interlocked.Increment(ref _completed);
            SignalChange();
        }

        return true;
    }

    /// <summary>Puts every parameter back to its default (changes are recorded like any other).</summary>
    public void ResetToDefaults() => ResetToDefaults(includeConsoleState: true);

    /// <summary>
    /// Puts every parameter a scene holds back to its default; console state (<see cref="ParameterSpec.InScenes"/>
    /// false, such as the strip selection) keeps its value. What loading a whole scene does first.
    /// </summary>
    public void ResetSceneToDefaults() => ResetToDefaults(includeConsoleState: false);

    private void ResetToDefaults(bool includeConsoleState)
    {
        for (int i = 0; i < _values.Length; i++)
        {
            var spec = _table[i].Spec;
            if (!includeConsoleState && !spec.InScenes)
            {
                continue;
            }

            if (spec.Kind == ParameterKind.String)
            {
                TrySetText(i, spec.DefaultText);
            }
            else
            {
                Write(i, spec.Default);
            }
        }
    }

    /// <summary>
    /// Copies every real value into <paramref name="destination"/> (at least <see cref="Count"/> long):
    /// the audio thread's once-per-block read. Each value is whole (float stores are atomic); values
    /// changed during the copy show up in the next one. Returns the <see cref="Version"/> the copy
    /// includes at least. Allocates nothing.
    /// </summary>
    public long CopyValuesTo(Span<float> destination)
    {
        if (destination.Length < _values.Length)
        {
            throw new ArgumentException($"destination holds {destination.Length} values; the table has {_values.Length}", nameof(destination));
        }

        // The volatile read orders the copy after every write counted in the version.
        long version = Volatile.Read(ref _completed);
        _values.AsSpan().CopyTo(destination);
        return version;
    }

    /// <summary>
    /// Copies every real value into <paramref name="destination"/> like <see cref="CopyValuesTo"/>, but only
    /// when no batch is open and none opened during the copy, so every batch is in the copy whole or not at
    /// all. False when a batch was open: the copy must not be used; try again after the batch closes
    /// (<see cref="Changed"/> says when). Allocates nothing.
    /// </summary>
    public bool TryCopyValuesOutsideBatch(Span<float> destination, out long version)
    {
        long begun = Volatile.Read(ref _batchesBegun);
        if (Volatile.Read(ref _openBatches) != 0)
        {
            version = 0;
            return false;
        }

        version = CopyValuesTo(destination);
        // The copy's reads complete before the batch counters are read again (a seqlock's second read).
        Interlocked.MemoryBarrier();
        return Volatile.Read(ref _openBatches) == 0 && Volatile.Read(ref _batchesBegun) == begun;
    }

    /// <summary>
    /// <see cref="TryCopyValuesOutsideBatch"/> that also collects into <paramref name="changes"/> which parameters
    /// changed since its last collection, within the same batch check: on true, every parameter whose change the copy
    /// holds is in the set (hand them out with <see cref="ParameterChangeSet.Take"/>), and <paramref name="version"/>
    /// counts no change the set missed. On false nothing collected is lost. <paramref name="destination"/> is the set's
    /// reader's own copy, passed on every call: after the first whole copy only the collected values are copied into it.
    /// Allocates nothing.
    /// </summary>
    public bool TryCopyChangesOutsideBatch(ParameterChangeSet changes, Span<float> destination, out long version)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (destination.Length < _values.Length)
        {
            throw new ArgumentException($"destination holds {destination.Length} values; the table has {_values.Length}", nameof(destination));
        }

        long begun = Volatile.Read(ref _batchesBegun);
        if (Volatile.Read(ref _openBatches) != 0)
        {
            version = 0;
            return false;
        }

        // Writers mark before they count: every change counted in this version is marked before the marks are taken.
        version = Volatile.Read(ref _completed);
        changes.Collect();
        // Writers store the value before they mark: every mark taken has its value in the copy. After the first copy only
        // the marked values move: a full copy of a large table per compile would evict the audio thread's caches.
        changes.CopyCollected(_values, destination);
        Interlocked.MemoryBarrier();
        bool whole = Volatile.Read(ref _openBatches) == 0 && Volatile.Read(ref _batchesBegun) == begun;
        if (whole) changes.MarkPrimed();
        return whole;
    }

    /// <summary>
    /// Finds the parameters changed since <paramref name="cursor"/> (start from 0, or from
    /// <see cref="CurrentCursor"/> to skip history) and advances the cursor. Each changed parameter is
    /// listed once, in table order; read its current value to echo it. A change still being written
    /// is reported by the next call; one changed again during the call is listed now and again by the next call, so
    /// every change up to the new cursor is listed by this call or an earlier one. <paramref name="destination"/> must
    /// hold <see cref="Count"/> indices.
    /// Allocates nothing. Returns how many indices were written.
    /// </summary>
    public int CollectChanges(ref long cursor, Span<int> destination)
    {
        if (destination.Length < _values.Length)
        {
            throw new ArgumentException($"destination holds {destination.Length} indices; the table has {_values.Length}", nameof(destination));
        }

        if (!TryGetStableHorizon(out long horizon) || horizon <= cursor)
        {
            return 0;
        }

        int count = 0;
        for (int i = 0; i < _changeSequence.Length; i++)
        {
            long sequence = Volatile.Read(ref _changeSequence[i]);
            // No upper bound: a parameter changed again while this runs still holds the change the horizon counts.
            if (sequence > cursor)
            {
                destination[count++] = i;
            }
        }

        cursor = horizon;
        return count;
    }

    /// <summary>A cursor for <see cref="CollectChanges"/> that skips every change made so far.</summary>
    public long CurrentCursor
    {
        get
        {
            // A control-side call: waiting out a write in flight costs nanoseconds.
            var spin = default(SpinWait);
            long horizon;
            while (!TryGetStableHorizon(out horizon))
            {
                spin.SpinOnce();
            }

            return horizon;
        }
    }

    private void Write(int index, float real)
    {
        if (BitConverter.SingleToInt32Bits(Volatile.Read(ref _values[index])) == BitConverter.SingleToInt32Bits(real))
        {
            // Unchanged: nothing to echo, nothing for the audio thread to pick up.
            return;
        }

        long sequence = Interlocked.Increment(ref _issued);
        Volatile.Write(ref _values[index], real);
        Volatile.Write(ref _changeSequence[index], sequence);
        MarkChangeSets(index);
        Interlocked.Increment(ref _completed);
        SignalChange();
    }

    private void MarkChangeSets(int index)
    {
        foreach (var set in Volatile.Read(ref _changeSets)) set.Mark(index);
    }

    // Inside a batch nobody can use the change yet: the batch's end signals instead.
    private void SignalChange()
    {
        if (Volatile.Read(ref _openBatches) == 0)
        {
            Changed?.Invoke();
        }
    }

    // A moment with no write in flight: every sequence up to the horizon is fully written.
    private bool TryGetStableHorizon(out long horizon)
    {
        for (int attempt = 0; attempt < StableReadAttempts; attempt++)
        {
            long completed = Volatile.Read(ref _completed);
            long issued = Volatile.Read(ref _issued);
            if (completed == issued)
            {
                horizon = issued;
                return true;
            }

            Thread.SpinWait(8);
        }

        horizon = 0;
        return false;
    }
}
