namespace MixConsole.Engine.Parameters;

/// <summary>
/// A scene recall's fade, on the control side: faders, sends and pans travel from where they are to their targets
/// over a time, in wire steps, as an X32's motor faders do. Each <see cref="Step"/> writes every travelling
/// parameter in one batch at its straight-line grid point for that moment, so each moves monotonically and the
/// audio's own ramps smooth the steps between calls. A parameter another client moves on the way is left where
/// they put it. Allocates only in its constructor; calls from several control threads are serialised.
/// </summary>
public sealed class ParameterGlide
{
    private readonly ParameterStore _store;
    private readonly int[] _indices;
    private readonly int[] _from;
    private readonly int[] _to;
    private readonly int[] _written;
    private readonly object _gate = new();
    private int _count;
    private double _seconds;

    /// <summary>A glide over the parameters of <paramref name="store"/>.</summary>
    public ParameterGlide(ParameterStore store)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        int glidable = 0;
        for (int i = 0; i < store.Count; i++) glidable += Glides(store.Table[i]) ? 1 : 0;
        _indices = new int[glidable];
        _from = new int[glidable];
        _to = new int[glidable];
        _written = new int[glidable];
    }

    /// <summary>True while at least one parameter is still on its way.</summary>
    public bool IsRunning
    {
        get
        {
            lock (_gate) return _count > 0;
        }
    }

    /// <summary>The parameters a fade moves: fader levels (strips, DCAs), send levels and pans.</summary>
    public static bool Glides(ParameterDescriptor parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return parameter.Kind == ParameterKind.Float && parameter.Key.Role is ParameterRole.Fader or ParameterRole.Pan
            or ParameterRole.SendLevel or ParameterRole.FxSendLevel or ParameterRole.MonoLevel;
    }

    /// <summary>Stops the glide in progress (where it is) and starts an empty one lasting <paramref name="seconds"/>; <see cref="Add"/> fills it.</summary>
    public void Begin(double seconds)
    {
        if (!(seconds > 0) || double.IsInfinity(seconds)) throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "a fade lasts a positive, finite time");
        lock (_gate)
        {
            _count = 0;
            _seconds = seconds;
        }
    }

    /// <summary>Stops the glide in progress: every parameter stays where it is.</summary>
    public void Cancel()
    {
        lock (_gate) _count = 0;
    }

    /// <summary>
    /// Sends parameter <paramref name="index"/> (one that <see cref="Glides"/>) on its way to <paramref name="targetReal"/>
    /// (snapped to its grid) from where it is now. False when it does not glide or is there already.
    /// </summary>
    public bool Add(int index, float targetReal)
    {
        var parameter = _store.Table[index];
        if (!Glides(parameter) || !parameter.Spec.IsValidReal(targetReal)) return false;
        int from = _store.GetGridIndex(index), to = parameter.Spec.GridIndexOfReal(targetReal);
        if (from == to) return false;
        lock (_gate)
        {
            if (_count == _indices.Length) throw new InvalidOperationException("a parameter was added twice to one glide");
            (_indices[_count], _from[_count], _to[_count], _written[_count]) = (index, from, to, from);
            _count++;
        }

        return true;
    }

    /// <summary>
    /// Moves every travelling parameter to where it belongs <paramref name="elapsedSeconds"/> after <see cref="Begin"/>,
    /// in one batch; at or past the end each lands exactly on its target and the glide is over. Returns
    /// <see cref="IsRunning"/> afterwards.
    /// </summary>
    public bool Step(double elapsedSeconds)
    {
        lock (_gate)
        {
            if (_count == 0) return false;
            double t = Math.Clamp(elapsedSeconds / _seconds, 0, 1);
            using (_store.BeginBatch())
            {
                for (int k = _count - 1; k >= 0; k--)
                {
                    int index = _indices[k];
                    if (_store.GetGridIndex(index) != _written[k])
                    {
                        Drop(k); // moved by someone else: theirs now
                        continue;
                    }

                    int grid = _from[k] + (int)Math.Round((_to[k] - _from[k]) * t, MidpointRounding.AwayFromZero);
                    _store.TrySetReal(index, _store.Table[index].Spec.RealAt(grid));
                    _written[k] = grid;
                    if (grid == _to[k]) Drop(k);
                }
            }

            return _count > 0;
        }
    }

    // Order does not matter: the last entry takes the dropped one's place.
    private void Drop(int k)
    {
        int last = --_count;
        (_indices[k], _from[k], _to[k], _written[k]) = (_indices[last], _from[last], _to[last], _written[last]);
    }
}
