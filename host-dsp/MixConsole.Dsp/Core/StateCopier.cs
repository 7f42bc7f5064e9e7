using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;

namespace MixConsole.Dsp.Core;

/// <summary>
/// Copies the whole running state of one prepared processor graph into a twin built and prepared the same way
/// (same types, same array sizes): every value field and every array of values, reached through objects and arrays
/// of objects; the twin keeps its own objects and arrays (no reference is copied), so afterwards it continues exactly
/// as the source would. Objects both graphs share, strings and delegates are left alone, and so are fields whose type
/// is excluded (control-side halves). The plan is made once, here (reflection and generated copy methods: allocates);
/// <see cref="Copy"/> then runs on the audio thread without allocating, in time proportional to the state's size.
/// Processors that swap which array a field points to after <c>Prepare</c> must not be copied this way.
/// </summary>
public sealed class StateCopier
{
    private static readonly ConcurrentDictionary<Type, Action<object, object>?> FieldCopiers = new();

    private readonly object[] _objectsFrom, _objectsTo;
    private readonly Action<object, object>[] _fieldCopies;
    private readonly Array[] _arraysFrom, _arraysTo;

    /// <summary>Plans the copy from <paramref name="from"/> into <paramref name="to"/>, leaving fields of <paramref name="excludedTypes"/> (and what they reach) alone.</summary>
    /// <exception cref="InvalidOperationException">The graphs differ in shape (types, array lengths, nulls).</exception>
    public StateCopier(object from, object to, params Type[] excludedTypes)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var plan = new Planner(excludedTypes);
        plan.Walk(from, to, "root");
        _objectsFrom = [.. plan.ObjectsFrom];
        _objectsTo = [.. plan.ObjectsTo];
        _fieldCopies = [.. plan.FieldCopies];
        _arraysFrom = [.. plan.ArraysFrom];
        _arraysTo = [.. plan.ArraysTo];
    }

    /// <summary>Audio thread: copies the source's state into the twin. Allocation-free.</summary>
    public void Copy()
    {
        for (int i = 0; i < _fieldCopies.Length; i++) _fieldCopies[i](_objectsFrom[i], _objectsTo[i]);
        for (int i = 0; i < _arraysFrom.Length; i++) Array.Copy(_arraysFrom[i], _arraysTo[i], _arraysFrom[i].Length);
    }

    private sealed class Planner(Type[] excluded)
    {
        private readonly HashSet<object> _seen = new(ReferenceEqualityComparer.Instance);
        public readonly List<object> ObjectsFrom = [], ObjectsTo = [];
        public readonly List<Action<object, object>> FieldCopies = [];
        public readonly List<Array> ArraysFrom = [], ArraysTo = [];

        public void Walk(object? from, object? to, string where)
        {
            if (from is null || to is null)
            {
                if (from is null && to is null) return;
                throw new InvalidOperationException($"state copy: {where} is null on one side only");
            }
            if (ReferenceEquals(from, to) || from is string || from is Delegate || from is Type) return;
            Type type = from.GetType();
            if (to.GetType() != type) throw new InvalidOperationException($"state copy: {where} is {type.Name} on one side, {to.GetType().Name} on the other");
            if (!_seen.Add(to)) return;
            if (from is Array fromArray)
            {
                WalkArray(fromArray, (Array)to, where);
                return;
            }

            if (FieldCopiers.GetOrAdd(type, CompileValueFieldCopy) is { } copy)
            {
                ObjectsFrom.Add(from);
                ObjectsTo.Add(to);
                FieldCopies.Add(copy);
            }
            foreach (FieldInfo field in InstanceFields(type))
            {
                if (!HoldsReferences(field.FieldType) || IsExcluded(field.FieldType)) continue;
                if (field.FieldType.IsValueType) throw new NotSupportedException($"state copy: {type.Name}.{field.Name} is a struct holding references");
                Walk(field.GetValue(from), field.GetValue(to), $"{type.Name}.{field.Name}");
            }
        }

        private void WalkArray(Array from, Array to, string where)
        {
            if (from.Rank != 1 || from.Length != to.Length) throw new InvalidOperationException($"state copy: {where} has {from.Length} elements on one side, {to.Length} on the other");
            Type element = from.GetType().GetElementType()!;
            if (!HoldsReferences(element))
            {
                ArraysFrom.Add(from);
                ArraysTo.Add(to);
                return;
            }
            if (element.IsValueType) throw new NotSupportedException($"state copy: {where} is an array of structs holding references");
            if (IsExcluded(element)) return;
            for (int i = 0; i < from.Length; i++) Walk(from.GetValue(i), to.GetValue(i), $"{where}[{i}]");
        }

        private bool IsExcluded(Type type)
        {
            foreach (Type t in excluded)
                if (t.IsAssignableFrom(type)) return true;
            return false;
        }
    }

    private static bool HoldsReferences(Type type)
    {
        if (!type.IsValueType) return true;
        if (type.IsPrimitive || type.IsEnum || type.IsPointer) return false;
        foreach (FieldInfo f in InstanceFields(type))
            if (HoldsReferences(f.FieldType)) return true;
        return false;
    }

    private static IEnumerable<FieldInfo> InstanceFields(Type type)
    {
        for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
            foreach (FieldInfo f in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                yield return f;
    }

    // One generated method per type copies all its value fields (readonly ones too): to.f = from.f.
    private static Action<object, object>? CompileValueFieldCopy(Type type)
    {
        var fields = new List<FieldInfo>();
        foreach (FieldInfo f in InstanceFields(type))
            if (!HoldsReferences(f.FieldType)) fields.Add(f);
        if (fields.Count == 0) return null;
        var method = new DynamicMethod($"CopyState_{type.Name}", null, [typeof(object), typeof(object)], typeof(StateCopier).Module, skipVisibility: true);
        ILGenerator il = method.GetILGenerator();
        foreach (FieldInfo f in fields)
        {
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Castclass, type);
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Castclass, type);
            il.Emit(OpCodes.Ldfld, f);
            il.Emit(OpCodes.Stfld, f);
        }
        il.Emit(OpCodes.Ret);
        return method.CreateDelegate<Action<object, object>>();
    }
}
